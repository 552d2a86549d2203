"""Dialogue-act patterns for the call-taker's questions (ask_* / verify_*).

Patterns run on *normalised* text (see ``acts.normalise``): lower-case, curly
quotes straightened, contractions expanded ("what's" -> "what is",
"don't" -> "do not", "i'm" -> "i am").

Each entry is ``(scope, regex, weight)`` where scope is
``"q"``   - searched only in question clauses (end in "?" or open with a
            question word such as is/are/do/where/what/how),
``"imp"`` - searched only in non-question clauses (instructions, statements),
``"any"`` - searched in the whole utterance,
``"raw"`` - the whole utterance including the clauses the other scopes leave out:
            question acts skip negated statements ("that is not normal
            breathing"), the other acts skip conditions on the patient getting
            worse ("if he stops breathing, ..."); see ``acts.split_scopes``.
Weight is the confidence contributed by a hit (hits combine as noisy-OR).

Labelling decisions worth knowing:
* A read-back of an address or phone number is verify_* whether it ends in
  "correct?", "tap once if that's right" or stands alone ("555-0152.",
  "604 Ash Street.").
* "Is anyone (still) inside?", "is it just you and him?" -> ask_people_count;
  "is anyone in your room hurt?" -> ask_injuries only.
* "Where are you in the house?", "is your door locked?", "are you out of
  sight?" -> ask_caller_safety (the caller's position inside a known address,
  not ask_address).
* "Can she talk in full sentences?" -> ask_breathing, not ask_conscious;
  "did you black out / faint?" -> ask_conscious.
* "Is someone there who shouldn't be?" (silent call) -> ask_what_happened, a
  yes/no probe of the nature of the emergency; "is it someone you know?",
  "have you seen anyone?" -> ask_suspect.
* What was taken (drugs, alcohol, an overdose) -> ask_drugs; the medicines the patient
  takes every day -> ask_medications (``act_patterns_keyq``).
"""

from __future__ import annotations

# Reusable fragments.
PRON = r"(?:he|she|they|him|her|it|you|the (?:patient|baby|child|kid|man|woman|driver|victim|person|guy|lady|boy|girl|infant))"
SUBJ = r"(?:he|she|they|it|you|the \w+|your \w+|his \w+|her \w+|anyone|anybody|someone|somebody|everyone|everybody)"
DIGIT_WORD_ALT = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
ORDINAL_WORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
_NOT_STREET_NAME = (
    r"(?!(?:what|which|the|a|an|or|and|to|he|she|they|we|you|i|it|cross|your|this|that|nearest|closest|on|my|his|her|their|same|main|other"
    r"|any|some|no|every|each|safe|quiet|public|hiding|different|another|better|right|wrong|first|one)\b)"
)
ADDR_LIKE = (
    r"(?:\b\d+(?:-\d)*\s+(?:[nsew]\.?\s+|north |south |east |west )?(?:\w+\s+){0,2}?(?:street|st|avenue|ave|road|rd"
    r"|drive|dr|lane|ln|court|ct|boulevard|blvd|way|place|pl|circle|highway|parkway|terrace|trail|broadway)\b"
    r"|\b" + _NOT_STREET_NAME + r"\w+ (?:street|avenue|road|drive|lane|court|boulevard|place|circle|terrace|parkway)\b"
    r"(?! ?(?:signs?|names?|lights?|numbers?|corner)\b)"
    r"|\b(?:apartment|apt|unit|suite) (?:number )?(?:[a-z]?\d+[a-z]?|[a-z]|" + DIGIT_WORD_ALT + r")\b|\bcorner of\b"
    r"|\b\w+ (?:and|&) (?:\d+(?:st|nd|rd|th)|"
    + ORDINAL_WORD
    + r")\b|\b"
    + ORDINAL_WORD
    + r" (?:and|&) (?!(?:the|a|an|then|last|middle|second|foremost|only)\b)\w+\b"
    r"|\b(?:route|highway|interstate|i-)\s?\d+|\b\d(?:-\d){2,}\b|\b(?:north|south|east|west) (?!(?:tower|wing|side|end|entrance|building|lot|parking|door|gate|stairs?)\b)\w+ or\b"
    r"|\b(?:room|floor) \d+[a-z]?\b|\bbuilding (?:\d+|[a-z])(?=,| room| floor|[.?!]|$)"
    r"|\bmile ?marker \d+|\b(?:north|south|east|west)bound (?:on )?(?:\w+ )?\d+\b"
    r"|\b(?!911\b)\d+ [a-z]\w*,|(?<![-\d])\b(?!911\b)\d{2,5} (?!(?:your|my|his|her|the|a|an|of|and|or|people|kids|years?|minutes?)\b)[a-z]\w* [a-z]\w*,)"
)
# A street address standing alone as the whole utterance ("604 Ash Street.") is a read-back.
BARE_ADDRESS = (
    r"^(?:(?:okay|so|alright|all right|and|got it|that is)[,.]? )*\d+[a-z]? (?:[nsew]\.? |north |south |east |west )?"
    r"(?:\w+ ){1,3}(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|court|ct|boulevard|blvd|way|place|pl|circle"
    r"|terrace|trail|parkway)\.?(?:,? (?:apartment|apt|unit|suite|room) \w+)?[.!]*$"
)
CONFIRM = (
    r"(?:correct|is that right|right\?|is that where|yes\?|\bor\b|i have you|i have|i am showing|showing"
    r"|so that is|so the address|the address is|is the address|you said|did you say|just to (?:verify|confirm)"
    r"|confirm|verify|read (?:that|it) back|reading back|let me make sure|just confirming|\?"
    r"|\bif (?:that|it|this) is (?:right|correct)\b|\bthat right\b"
    r"|\bis (?:that|this) (?:your|the) (?:house|home|place|address|building|apartment)\b)"
)
DIGIT_WORD = r"zero|oh|one|two|three|four|five|six|seven|eight|nine"
# "police, fire or medical?" asks what kind of emergency it is
_SERVICE = r"(?:police|fire|an ambulance|ambulance|medical|ems|paramedics)"
SERVICES = r"\b" + _SERVICE + r"(?:,? (?:or )?" + _SERVICE + r"){2}\b"
PHONE_LIKE = (
    r"(?:\(\d{3}\)|\b\d{3}(?:[-.]|,? )\d{3}(?:[-.]|,? )\d{4}\b|\b\d{3}(?:[-.]|,? )\d{4}\b|\b\d{10}\b|\b\d{7}\b"
    r"|ending in \d{2,4})"
)
# Words that follow a number without making it a house number ("2 minutes.", "3 people?").
_COUNTED = (
    r"(?:people|persons?|percent|times?|years?|months?|weeks?|days?|hours?|minutes?|seconds?|kids?|children|child"
    r"|men|women|feet|foot|miles?|blocks?|floors?|stor(?:y|ies)|pills?|tablets?|beers?|drinks?|dollars?|bucks|am|pm"
    r"|o'clock|inch(?:es)?|cars?|vehicles?|units?|shots?|rounds?|more|of|or|and|to|at|in|on|is|are|was|were|a|an|the"
    r"|what|who|ago|yards?|meters?|pounds?|lbs|degrees|compressions|breaths|pushes|cpr|cc|mg|ml|times)"
)
# A house number and a street name read back without the street type ("2210 Birch?", "1425 Oak."), as a clause.
HOUSE_AND_NAME = (
    r"(?:^|[.?!|] )(?:(?:okay|ok|so|and|alright|all right|got it|that is|so that is|you said|is that|i have)[,.]? )*"
    r"(?!911\b)\d{1,5}[a-z]? (?!" + _COUNTED + r"\b)(?:[nsew]\.? |north |south |east |west )?[a-z]{3,}(?: [a-z]{3,})?"
    r"(?=\s*(?:[?.!]|$| and\b| \|))"
)

QUESTION_PATTERNS: dict[str, list[tuple[str, str, float]]] = {
    "ask_address": [
        # a list of what is needed, the address first: "address, callback number and what's going on?"
        (
            "any",
            r"^(?:(?:okay|ok|so|and|alright|sir|ma'am|right),? )*(?:your |the )?(?:address|location)(?:,|\?)? "
            r"(?:and )?(?:your |the |a |what )?(?:phone|callback|number|name|what|cross)\b",
            0.85,
        ),
        ("q", r"\bwhat address\b|\bnearest (?:\w+ )?(?:road|street|highway|intersection|town|exit)\b", 0.85),
        # the kind of building is part of the address: "is that a house or an apartment?"
        (
            "q",
            r"\b(?:house|apartment|condo|townhouse|trailer|duplex|business) or (?:an? )?(?:house|apartment|condo|townhouse|trailer"
            r"|duplex|business)\b",
            0.85,
        ),
        (
            "any",
            r"\bwhereabouts\b(?! (?:in|inside) the)|\b(?:what|which) is the (?:street|road) name\b|\bfind you by\b"
            r"|\bnear (?:any|a) (?:business|store|landmark|building)",
            0.8,
        ),
        (
            "any",
            r"\b(?:the|your|an|that|his|her|their|exact) (?:exact |street |home |full |physical |house )?address\b(?! again)",
            0.9,
        ),
        ("any", r"\baddress (?:of|where|for)\b", 0.9),
        (
            "q",
            r"\bwhere (?:are|were) you(?: (?:right now|now|exactly|located|calling from|at|calling)| ?[?,.]| ?$)",
            0.9,
        ),
        (
            "any",
            r"\b(?:tell me|(?<!he )(?<!they )know|sure|say|describe|explain|figure out) (?:exactly )?where (?:you|he|she|they|the (?!(?:bleeding|blood|pain|wound|injury|cut)\b)\w+) "
            r"(?:are|is)\b|\bwhere you are calling from\b|\bzip ?code\b",
            0.85,
        ),
        (
            "q",
            r"\bwhere (?:exactly )?(?:is|was) (?:the |your )?(?:patient|emergency|accident|crash|fire|incident"
            r"|house|apartment|victim|baby|collision|wreck|problem|location|this)\b",
            0.85,
        ),
        (
            "q",
            r"\bwhere (?:is|was) (?:this|it|that) (?:happening|located)|\bwhere (?:did|does) (?:this|it|that|the \w+) "
            r"(?:happen|take place|occur)",
            0.85,
        ),
        (
            "any",
            r"\bcross ?streets?\b|\bintersection\b|\bnearest (?:street|corner|road|landmark|business|exit)"
            r"|\blandmarks?\b|\bmile ?markers?\b|\bstreet signs?\b|\bbusiness names?\b|\b(?:which|what) exit\b",
            0.85,
        ),
        (
            "q",
            r"\b(?:what|which) (?:street|road|city|town|county|highway|freeway|interstate|building|business"
            r"|store|zip(?: code)?|apartment|apt|unit|house number|block|neighborhood|part of town|side of)\b",
            0.85,
        ),
        ("q", r"\bwhat state(?! (?:are|is|were|was) the (?:plate|tag))", 0.7),
        ("q", r"\b(?:the )?(?:unit|apartment|building|room|suite|house|lot|space) number\b", 0.8),
        # which of two: "is that north or south Elm?", "east or west Main?"
        ("q", r"\b(?:is|was) (?:that|it|this) (?:north|south|east|west) or (?:north|south|east|west)\b", 0.85),
        ("any", r"(?<!to )(?<!at )\b(?:exact |your |the )location\b|\bwhat location\b", 0.85),
        (
            "q",
            r"\bwhich direction (?:were|are) you\b|\bwhich side of the\b|\bheading on the\b"
            r"|\b(?:north|south|east|west)bound\b|\b(?:last|next) exit\b",
            0.8,
        ),
        ("q", r"\bhouse or (?:an )?apartment\b|\binside or outside\b|\band where\s*\?", 0.7),
        (
            "q",
            r"(?:^|\| )(?:(?:and|okay|so|alright|sir|ma'am)[ ,]+)*(?:where|address|location)\s*\?|\bwhere is that\b"
            r"|\bwhere (?:do|does) (?:you|he|she|they|the \w+) (?:live|stay)\b|\bwhere are you\b(?! in the (?:house|home|apartment|building))",
            0.75,
        ),
        ("q", r"\bname of the (?:store|business|building|school|street|road|place)\b", 0.8),
    ],
    "verify_address": [
        (
            "any",
            r"\b(?:have it right|have that right|got that right|got it right)\b.{0,40}?"
            + ADDR_LIKE
            + r"|\b(?:was|is) that (?:(?:zero|one|two|three|four|five|six|seven|eight|nine|oh) ?){3,}",
            0.85,
        ),
        ("any", ADDR_LIKE + r".{0,60}?" + CONFIRM, 0.9),
        (
            "any",
            r"\b\d(?: \d){2,} [a-z]+\b.{0,30}?(?:right|correct|\?|is that)|\bis that the right (?:house|address|place|building|street)\b",
            0.85,
        ),
        (
            "any",
            r"(?:i have you at|i am showing|so that is|(?:so )?the address is|is the address|you said|did you say|you are saying"
            r"|just to (?:verify|confirm)|just confirming|is that|make sure i (?:have |have got |got |heard )(?:it|that|this|you)(?: right)?"
            # "the phone is showing 12 Elm Road", "my screen says ..."
            r"|(?:(?<=\bphone )|(?<=\bscreen )|(?<=\bsystem )|(?<=\bmap )|(?<=\bcomputer ))(?:is showing|shows|says|is giving me|gives me)"
            r"|i (?:have|got) (?:it|that|you) (?:as|at)|i have you on)\b.{0,40}?" + ADDR_LIKE,
            0.9,
        ),
        (
            "any",
            r"\b(?:repeat|say|spell|confirm|verify|read back|double.check|go over)\b(?: \w+){0,3}? "
            r"(?:address|street|street name|house number|location|apartment(?: number)?|unit number|suite number|building number|lot number|space number"
            r"|cross street)\b",
            0.9,
        ),
        (
            "any",
            r"\b(?:address|street name|house number|unit number|suite number|building number|apartment number|lot number|space number) (?:again|one more time)\b",
            0.85,
        ),
        ("q", r"\b(?:is|was) (?:that|it) (?:north|south|east|west) \w+ or\b", 0.85),
        # the town read back: "and that's in Springfield?"
        (
            "q",
            r"^(?:and |so |okay,? )?(?:that is|is that|this is|you are|are you) (?:in|over in) (?!(?:the|a|an|your|his|her|any|danger"
            r"|trouble|pain|there|here|it|labor|shock)\b)\w+(?: \w+)?\s*\?",
            0.75,
        ),
        ("any", BARE_ADDRESS, 0.85),
        # a read-back said first, then the next step: "okay, 1802 Magnolia, I'm sending the ambulance"
        (
            "any",
            r"^(?:(?:okay|so|alright|all right|got it|and)[,.]? )*(?!911\b)\d{3,5} (?:[nsew]\.? |north |south |east |west )?"
            r"(?!(?:minutes?|hours?|seconds?|people|times|pounds|feet|miles|degrees|beats|compressions|years?|dollars|mg"
            r"|milligrams|pills|units)\b)[a-z]+(?: [a-z]+)?,",
            0.8,
        ),
        ("any", HOUSE_AND_NAME, 0.8),
        # "is that 60 or 16 Fairview?", "let me read that back, 4-0-7 Sycamore Road", "that is Unit 12 at 88 Harbor View Road"
        (
            "any",
            r"\b(?:is|was) (?:that|it) \d{2,5} or \d{2,5}\b|\b(?:read|repeat|say) (?:that|it|this) back\b.{0,20}?"
            + ADDR_LIKE
            + r"|(?:^|[.?!|] )(?:(?:okay|ok|so|and|alright)[,.]? )*that is\b.{0,25}?"
            + ADDR_LIKE,
            0.85,
        ),
        # a street named alone as a statement: "okay, Front Street at the laundromat"
        (
            "any",
            r"^(?:(?:okay|ok|so|alright|all right|got it)[,.]? )+"
            + _NOT_STREET_NAME
            + r"[a-z]+ (?:street|avenue|road|drive"
            r"|lane|court|boulevard|place|circle|terrace|parkway|highway)\b(?= at\b| and\b| near\b| by\b|[,.]|$)",
            0.8,
        ),
    ],
    "ask_callback": [
        ("q", r"\b(?:cell|cellphone|mobile|landline)\b", 0.7),
        # "your name and number?": the number asked beside the name is the callback
        ("q", r"\bname and (?:your |a |the best )?(?:phone |callback |contact )?number\b(?! (?:of|on|plate))", 0.85),
        (
            "any",
            r"\b(?:phone|cell|callback|call back|call-back|contact|cell phone|home) (?:phone )?(?:number\b|#)",
            0.9,
        ),
        ("any", r"\bnumber (?:are you|you are|you were|your|you) calling (?:from|on)\b", 0.9),
        ("q", r"\bwhat (?:number|phone)\b(?! (?:is the (?:house|apartment|building|unit)|of))", 0.85),
        (
            "any",
            r"\b(?<!should i )(?<!do i )(?<!can i )(?<!do they )(?<!do people )(?<!does everyone )(?:reach|call|contact) you(?: back)?\b"
            r"(?! (?:if|when) (?:he|she|they))",
            0.75,
        ),
        ("any", r"\b(?:best|good|another|other|different) (?:phone )?number\b", 0.85),
        ("any", r"\b(?:cell phone|cellphone|mobile) or (?:a )?landline\b|\blandline\b", 0.8),
        ("any", r"\bwhat is your (?:phone |cell |callback )?number\b|\byour number\s*\?", 0.85),
        (
            "any",
            r"(?:^|\| |, )(?:(?:okay|ok|and|so|sir|ma'am)[ ,]+)*(?:what is (?:your|the|a good) )?(?:callback|call back)\s*\?",
            0.85,
        ),
        ("any", r"\bwhat phone are you\b|\bgive me (?:your|the) (?:phone |cell |callback )?number\b", 0.85),
        # "the number of the phone you are on", "whisper the number of your cell"
        (
            "any",
            r"\b(?:number|digits) (?:of|for|on) (?:the|your|this) (?:phone|cell|cellphone|cell phone|mobile|line)\b"
            r"|\bnumber (?:you are|are you) (?:on|using)\b",
            0.85,
        ),
    ],
    "verify_callback": [
        ("any", r"\b(?:get|have|take|hear) (?:that|your) (?:phone )?number again\b", 0.85),
        ("any", PHONE_LIKE, 0.85),
        # digit-by-digit read-back: "2 0 6 5 5 5 1 2 1 2", "five five five, eight one two ...", "4 4 0 9 or 4 9 0 4"
        (
            "any",
            r"\b\d(?:[ ,.-]+\d){6,}\b|\b(?:" + DIGIT_WORD + r")(?:[ ,.-]+(?:" + DIGIT_WORD + r")){6,}\b"
            r"|\b\d(?: \d){3,} or \d\b",
            0.85,
        ),
        (
            "any",
            r"\b(?:repeat|say|confirm|verify|read back|double.check|go over)\b(?: \w+){0,3}? (?:phone |callback |cell )?"
            r"(?<!house )(?<!apartment )(?<!unit )(?<!room )(?<!street )(?<!suite )(?<!building )(?<!lot )(?<!space )"
            r"(?<!floor )(?:number|callback)\b"
            r"|\b(?:last|first) (?:four|three|seven|4|3|7|few) digits\b",
            0.9,
        ),
        ("any", r"\b(?:your|the) (?:phone )?number (?:again|one more time)\b", 0.85),
        # digits read back in groups ("555, 0, 1, 6, 4"), one digit checked ("was that a 7 or a 1?"), the area code
        (
            "any",
            r"\b(?:\d[ ,.-]*){6,}\d\b(?! (?:[nsew]\.? )?[a-z]+ (?:street|st|avenue|ave|road|rd|drive|dr|lane|ln)\b)"
            r"|\b(?:was|is) (?:that|it) (?:an? )?\d (?:or|and not) (?:an? )?\d\b|\b\d{3} area code\b",
            0.85,
        ),
    ],
    "ask_what_happened": [
        # "what's made you call 911 tonight?", "what has got you calling us?"
        (
            "q",
            r"\bwhat (?:is|has) (?:got you|brought you|made you) (?:to )?(?:call|calling|ring|ringing|phone|phoning|dial)\b",
            0.85,
        ),
        ("any", r"\bwhat (?:is|was) (?:your |the )?(?:emergency|problem|matter|issue)\b", 0.95),
        # a curt answer of the line: "yeah 911 what's up", "yeah, what is it."
        (
            "any",
            r"^(?:(?:yeah|yes|hello|911|nine one one)[,.]? )+(?:what is up|what is it|what)\s*[.?!]*$"
            r"|\bwhat (?:has )?(?:got|brings|brought|made) you (?:to )?call",
            0.85,
        ),
        ("any", r"\bnature of (?:your|the) (?:emergency|call|problem)\b", 0.95),
        ("any", r"\bwhat (?:exactly )?(?:is|was|are) (?:exactly )?(?:going on|happening|wrong)\b(?! with you\b)", 0.9),
        (
            "any",
            r"\bwhat (?:is |has )?(?:exactly )?happened\b|\bwhat (?:exactly )?(?:did|do) you (?:see|hear|witness|notice)\b",
            0.9,
        ),
        (
            "any",
            r"\btell me (?:exactly |more about |more |again |everything )?(?:about )?what (?:happened|is going on|is happening"
            r"|you (?:saw|heard|see|hear)|went on)\b",
            0.9,
        ),
        ("any", r"\b(?:explain|describe) (?:to me )?what\b", 0.85),
        (
            "any",
            r"\bhow (?:can|may|could) (?:i|we) help\b|\bwhat made you call\b|\bwhat are you reporting\b|\bwhy are you calling\b|\bwhat is the matter\b",
            0.9,
        ),
        (
            "q",
            r"\bwhat did (?:he|she|they|the \w+) do\b|\bwhat (?:was|were) (?:he|she|they|you) doing (?:when|before|right before)\b",
            0.8,
        ),
        ("q", SERVICES, 0.85),
        ("any", r"\bwhat is wrong with (?:him|her|them|your \w+|the \w+)\b", 0.85),
        # "tell me exactly what you're hearing / how you fell / how it happened"
        (
            "any",
            r"\b(?:tell me|describe|walk me through|explain)\b(?: \w+){0,2}? (?:what|how) (?:(?:you|he|she|they|it) "
            r"(?:are |were |is |was |can |could )?(?:see|saw|seeing|hear|heard|hearing|notice|noticed|fell|fall|falling|got hurt"
            r"|happened|started)|(?:has |have |had |is )?(?:been )?(?:happened|happening|going on)|went on)\b",
            0.9,
        ),
        ("any", r"\bwhat (?:is|has|have|had) been (?:going on|happening)\b", 0.9),
        # yes/no probe of the nature of a silent call: "is someone there who shouldn't be?"
        (
            "q",
            r"\b(?:someone|somebody|anyone|anybody) (?:\w+ ){0,4}(?:who|that) (?:should not|does not belong"
            r"|is not supposed to)\b",
            0.85,
        ),
    ],
    "ask_age": [
        ("q", r"\b(?:kid|child) or (?:a )?grown[- ]?up\b|\bgrown[- ]?up or (?:a )?(?:kid|child)\b", 0.8),
        (
            "any",
            r"\bhow (?:is )?old\b|\bhow many (?:months|weeks|years|days) old\b|\bdate of birth\b|\bbirth ?date\b|\bbirthday\b|\bdob\b",
            0.95,
        ),
        ("any", r"\bage\b", 0.85),
        (
            "q",
            r"\b(?:adult or (?:a )?(?:child|kid|minor)|(?:child|kid|minor) or (?:an )?adult|teenager|elderly)\b",
            0.85,
        ),
        (
            "q",
            r"\b(?:over|under|older than|younger than) (?:\d{2}|eighteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
            r"|ninety)(?:-\w+)?)\b|\bin (?:his|her|their) (?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties"
            r"|nineties)\b",
            0.85,
        ),
        ("q", r"\byear (?:was|were) (?:he|she|they|you|the \w+) born\b|\bnewborn\b", 0.85),
    ],
    "ask_conscious": [
        (
            "q",
            r"\bwith it\b|\bout cold\b|\b(?:is|are) (?:he|she|they|the \w+) (?:still )?(?:talking|speaking|moving)\b"
            r"|\b(?:is|are|does|do|did|can|will) (?:he|she|they|(?:the|your|his|her) \w+|[a-z]+) (?:still )?(?:answering|answer"
            r"|react(?:ing)?|reacting)"
            r" (?:you|me|when|to (?:you|your voice|his name|her name|anything))\b"
            r"|\bcom(?:e|ing) to\s*\?",
            0.8,
        ),
        (
            "q",
            r"\b(?:conscious|unconscious|awake|alert|responsive|unresponsive|responding|passed out|pass out"
            r"|knocked out|lose consciousness|lost consciousness|coming around|waking up|wake up|wakes up"
            r"|black(?:ed)? out|blacking out|faint(?:ed|ing)?|wake (?:him|her|them|the \w+) up)\b",
            0.9,
        ),
        ("q", r"\brespond(?:s|ing)?\b(?! to (?:the|that) (?:call|scene))", 0.85),
        ("q", r"\b(?:eyes (?:are )?open|open (?:his|her|their|the \w+) eyes|open (?:his|her|their) eyes)\b", 0.85),
        # "can she talk in full sentences" is a breathing-effort question, not a consciousness one
        (
            "q",
            r"\b(?:can|could|is|are) (?:he|she|they|the \w+)(?: able to)? (?:talk|speak)\b(?! in (?:full |whole |complete )?"
            r"sentences)|(?<!are you )(?<!you are )\bable to (?:talk|speak)\b(?! in (?:full |whole |complete )?sentences)"
            r"|\btalking to you\b",
            0.8,
        ),
        (
            "q",
            r"\bcan (?:he|she|they|the \w+) hear you (?:if|when)\b"
            r"|\b(?:answer|react|respond)s? (?:to )?(?:you )?(?:at all )?(?:when|if) you\b|\b(?:is|are) (?:he|she|they|the baby) crying\b",
            0.85,
        ),
        (
            "q",
            r"\b(?:does|do|did) (?:he|she|they) know (?:where (?:he|she|they) (?:is|are)|what (?:day|year) it is"
            r"|who (?:you|he|she|they) (?:are|is))\b",
            0.85,
        ),
    ],
    "ask_breathing": [
        ("q", r"\b(?:getting|get|moving) (?:any |enough )?air\b|\bair in\b", 0.85),
        ("q", r"\bbreathing\b", 0.9),
        ("q", r"\b(?:full|whole|complete) sentences?\b|\b(?:a )?word or two\b|\bwords? at a time\b", 0.85),
        ("imp", r"\b(?:listen|check|feel|look|watch|see|tell me|let me know|ask)\b[^|]*\bbreath", 0.85),
        ("q", r"\b(?:moving|going) up and down\b", 0.85),
        ("q", r"\bbreathe\b|\bbreaths?\b(?! with)", 0.75),
        ("any", r"\b(?:he|she|they|it|baby|him|her|child) (?:takes|is taking|take) (?:a )?breath", 0.85),
        (
            "any",
            r"\b(?:chest|stomach|belly) (?:is |are )?(?:rising|rise|moving|move|moves|going up|go up)\b"
            r"|\brising and falling\b|\bgoing up and down\b",
            0.9,
        ),
        ("any", r"\b(?:watch|look at) (?:his|her|their|the \w+) chest\b", 0.85),
        (
            "any",
            r"\b(?:ear|cheek|face) (?:next to|near|by|close to|over|to|against) (?:his|her|their|the \w+) (?:mouth|nose|face)\b",
            0.9,
        ),
        (
            "any",
            r"\bfeel (?:any )?air\b|\bair (?:coming|moving)\b|\bgasping\b|\bsnoring\b|\bgurgling\b"
            r"|\bshort of breath\b|\bshortness of breath\b",
            0.85,
        ),
    ],
    "ask_injuries": [
        ("q", r"\bblood\b(?! (?:thinners?|pressure|sugar))", 0.75),
        # ("is the man who hurt you still there?" describes him: it asks where he is; "you could get hurt" warns)
        (
            "q",
            r"(?<!could )(?<!might )(?<!would )(?<!will )\b(?:is|are|was|were|got|get|been) (?:\w+ ){0,5}(?<!who )(?<!that )"
            r"(?:hurt|injured|wounded|bleeding)\b",
            0.9,
        ),
        ("q", r"\b(?:any|what|which|serious|obvious|other) (?:\w+ )?(?:injuries|injury|wounds?|bleeding)\b", 0.85),
        # "did he hurt you?", "has anyone been shot?", "anybody bleeding?", "is it still pouring out?"
        (
            "q",
            r"(?:(?<=\bdid )|(?<=\bhas )|(?<=\bhave ))(?:he|she|they|anyone|anybody|someone|somebody|(?:the|your|her|his) \w+|[a-z]+)"
            r" (?:\w+ )?(?:hurt|injure|stab|shoot|cut"
            r"|beat up) (?:you|him|her|them|anyone|anybody|somebody|someone|your \w+)\b(?! with\b)"
            r"|\b(?:been|got|get|is|was|were) (?:\w+ ){0,2}(?:shot|stabbed)\b(?! (?:at|with)\b)"
            # "was he cut or shot?", "is she burned or just bruised?"
            r"|\b(?:cut|stabbed|shot|burned|burnt|beaten|bitten) or (?:just )?(?:cut|stabbed|shot|burned|burnt|beaten|bitten|bruised)\b"
            r"|\b(?:anyone|anybody|someone|somebody|everyone|everybody) (?:else )?(?:\w+ )?(?:hurt|injured|bleeding|shot|stabbed|wounded)\b"
            r"|\b(?:is|are) (?:it|the (?:blood|bleeding|wound|cut|gash)) still (?:bleeding|pouring|gushing|coming|spurting|pumping"
            r"|soaking|oozing|dripping)\b",
            0.85,
        ),
        (
            "q",
            r"\bhow (?:bad(?:ly)?|serious(?:ly)?|much|deep|big) (?:is |are |was )?(?:\w+ ){0,2}(?:hurt|injured|injuries|bleeding|wound|blood"
            r"|cuts?|burns?|gash|bruis\w*|break|fracture)",
            0.85,
        ),
        (
            "q",
            r"\bwhere (?:is|are|was|were|did) (?:\w+ ){0,2}(?:hurt|injured|bleeding|bleed|stabbed|shot|cut|wounded|wound|blood|injury)\b",
            0.9,
        ),
        (
            "q",
            r"\b(?:any|other) pain\b|\bin (?:any |a lot of |much )?pain\b|\b(?:pain|hurt|hurting) anywhere\b|\bwhere does it hurt\b"
            r"|\b(?:does|is) (?:anything|something|it) (?:else )?(?:hurt|hurting)\b|^(?:ok |okay |and )?anything (?:else )?hurt(?:ing)?\b"
            r"|\bwhere (?:the )?(?:wound|bleeding|blood|injury|cut|injuries|wounds) (?:is|are|was|were|comes? from|is coming from)\b",
            0.85,
        ),
        (
            "q",
            # ("broken glass", "a broken window" are things at the scene)
            r"\bhit (?:his|her|their|your) head\b|\bbroken\b(?! (?:glass|window|windows|bottles?|windshield|mirror|door|lock|pipe|gas line"
            r"|water main|power line|furniture|dishes|plates)\b)|\bdeformity\b|\btwisted\b|\bbone (?:sticking|is)\b|\bfracture",
            0.8,
        ),
        (
            "q",
            r"\bwhere did (?:the )?(?:bullet|knife|blade|shot) (?:hit|go|enter|get)\b|\bwhere (?:was|is|did) (?:he|she|they) (?:\w+ )?(?:hit|shot|stabbed)\b",
            0.85,
        ),
        (
            "q",
            r"\bis the bleeding\b|\bneed (?:an )?ambulance\b|\bneed medical\b|\bhow many (?:are |were )?(?:injured|hurt)\b",
            0.8,
        ),
        ("q", r"\b(?:anyone|anybody|someone|somebody|people) (?:else )?(?:\w+ )?(?:shot|stabbed|hurt|injured)\b", 0.85),
        (
            "q",
            r"\b(?:any|have|has|got|see) (?:\w+ ){0,2}(?:cuts|bruises|bruising|burns|scrapes|swelling|broken bones?|bumps)\b",
            0.85,
        ),
    ],
    "ask_weapons": [
        ("q", r"\bwhat (?:was|is) (?:he|she|they) holding\b|\bholding (?:anything|something)\b", 0.85),
        ("q", r"\bcarrying (?:anything|something|a|any)\b", 0.8),
        (
            "q",
            r"\b(?:weapons?|armed|firearms?|guns?|handguns?|pistols?|rifles?|shotguns?|knife|knives|blade|bat"
            r"|ammunition|ammo)\b",
            0.9,
        ),
        (
            "q",
            r"\bwhat did (?:he|she|they) (?:use|hit|stab|attack|threaten|cut|beat)\b|\bhit (?:\w+ )?with\b"
            r"|\b(?:stabbed|shot|cut|beaten|attacked|struck|hurt) with\b"
            r"|\bthreaten(?:ed)? (?:\w+ )?with\b",
            0.85,
        ),
        ("q", r"\b(?:holding|anything|something) (?:anything )?in (?:his|her|their) hands?\b", 0.85),
        # the object used as a weapon, named: "does he still have the hammer?"
        (
            "q",
            r"\b(?:have|has|holding|hold|got|carrying|swinging|waving|pointing) (?:\w+ )?(?:the|a|an|his|her|that|this) "
            r"(?:hammer|bat|crowbar|axe|hatchet|machete|pipe|club|screwdriver|scissors|razor|taser|brick|rock|stick"
            r"|bottle|golf club|tire iron|sword|cleaver)\b|\b(?:hammer|crowbar|axe|hatchet|machete|cleaver|sword)\b",
            0.85,
        ),
    ],
    "ask_suspect": [
        ("q", r"\babout the (?:guy|man|woman|person|suspect|driver|attacker)\b", 0.8),
        (
            "any",
            r"\bwhat (?:does|did|do|is|are) (?:he|she|they|the \w+|this \w+) look like\b"
            r"|\bwhat (?:he|she|they|the \w+|this \w+) (?:looks?|looked) like\b",
            0.95,
        ),
        (
            "any",
            r"\bdescribe (?:him|her|them|the (?:man|woman|person|guy|suspect|male|female|attacker|shooter|driver))\b",
            0.9,
        ),
        ("q", r"\bclothes\b|\bclothing\b|\ba man or a woman\b|\ba woman or a man\b|\bmale or female\b", 0.85),
        ("q", r"\bwearing\b|\bwhat color (?:shirt|pants|jacket|hoodie|hair|clothes|coat|hat)\b", 0.85),
        (
            "q",
            r"\bdo you know (?:who (?:he|she|they|it|did)|(?:him|her|them)|the (?:person|man|guy|woman|suspect))\b"
            r"(?!'?s? (?:(?:first|last|full) )?name)|\bknow the (?:person|man|guy|woman|suspect)\b(?!'?s? (?:(?:first|last|full) )?name)",
            0.85,
        ),
        (
            "q",
            r"(?<!where is the )(?<!where are the )"
            r"\b(?:suspect|shooters?|attackers?|intruders?|burglars?|robbers?|assailants?)\b(?! (?:is )?still\b)",
            0.85,
        ),
        (
            "q",
            r"\bhow tall\b|\bheight\b|\bhow (?:heavy|big) is he\b|\brace\b|\bhair color\b|\bglasses\b|\btattoos?\b"
            r"|\bfacial hair\b|\bbeard\b|\b(?:white|black|hispanic|asian|latino)(?: or|,)|\bgood look\b",
            0.85,
        ),
        (
            "q",
            r"\b(?:person|guy|man|woman|people|one) who did (?:this|it|that)\b(?! still)|\brelationship to\b|\b(?:is|was) (?:he|she) your \w+",
            0.8,
        ),
        (
            "q",
            # "any idea who it is?", "can you see who's out there?", "who is he to you?"
            r"\b(?:any idea|do you know|can you see|could you see|did you see|can you tell) who (?:it is|it was|he is|she is|they are"
            r"|is (?:in|out|at|inside|outside|there|doing|breaking|trying|knocking)|was (?:it|in|out|at|there|doing|breaking|knocking)|did (?:it|this|that))\b"
            r"|\b(?:who is he to|who is she to|who was he to|who was she to|who is that to|who is that guy to|who is the guy to"
            r"|who is that man to|who is that woman to|who is this guy to) (?:you|her|him|them)\b|"
            r"\b(?:have|did) you (?:actually |already )?seen? (?:anyone|anybody|someone|somebody|who|the (?:person"
            r"|people|man|guy|woman|intruders?|burglars?))\b|\b(?:someone|somebody|anyone) you know\b",
            0.85,
        ),
    ],
    "ask_vehicle": [
        # "what make is it?", "the truck's on fire, what kind is it?"
        (
            "q",
            r"\bwhat (?:make|model)\b(?! of (?:phone|cell|gun|pistol|rifle)\b)"
            r"|\b(?:car|truck|van|suv|vehicle|pickup|sedan|motorcycle)\b[^|]*\bwhat (?:kind|type|colou?r) (?:is|was) (?:it|that)\b",
            0.85,
        ),
        ("q", r"\bwhat (?:he|she|they) (?:was|were|is|are) driving\b", 0.9),
        ("any", r"\bcolou?r of the (?:car|vehicle|truck|van|suv)\b", 0.9),
        (
            "any",
            r"\b(?:what|which) (?:kind|type|make|color|colour|model|sort)s? (?:of )?(?:car|vehicle|truck|van|suv)s?\b"
            r"|\bvehicles? (?:are |were |was )?involved\b",
            0.95,
        ),
        ("any", r"\bmake,? (?:and |or )?model\b|\blicense plate\b|\bplates?\b|\btag number\b", 0.9),
        (
            "any",
            r"\b(?:car|vehicle|truck|van) (?:colou?r|description)\b|\bdescription of the (?:car|vehicle|truck|van)\b",
            0.85,
        ),
        ("q", r"\btags?\b|\bwhat colou?r (?:was|is) it\b", 0.75),
        ("q", r"\bwhat (?:was|is|were|are) (?:he|she|they|the \w+) driving\b", 0.9),
        # "was it a sedan, an SUV?", "anything on the car that stands out?" ("on foot or in a car" is direction)
        (
            "q",
            r"\b(?:sedan|suv|pickup|minivan|coupe|hatchback)\b"
            r"|\b(?:on|about) the (?:car|vehicle|truck|van)\b(?! (?:accident|crash|wreck))",
            0.8,
        ),
        (
            "q",
            r"\b(?:what|which) (?:car|vehicle)\b|\b(?:car|truck|suv|van|sedan), (?:car|truck|suv|van)\b"
            r"|\b(?:car|vehicle|truck|van|suv|sedan|pickup|coupe|hatchback|minivan|motorcycle|(?:two|four|2|4)[- ]door) or (?:a |an )?"
            r"(?:car|truck|suv|van|motorcycle|sedan|pickup|coupe|hatchback|minivan|motorcycle|(?:two|four|2|4)[- ]door)\b",
            0.85,
        ),
        (
            "any",
            r"\b(?:tell me|describe|know) (?:\w+ ){0,3}(?:about )?(?:the|their|his|her|that) (?:car|vehicle|truck|van|suv)\b",
            0.85,
        ),
        (
            "q",
            # "did they leave in a car?" asks the way they went; "in what car" asks the car
            r"\b(?:heading|headed|going|leave|left|drive|drove|driving|take off|took off|flee|fled|get away|got away)(?: off)? "
            r"in (?:what|which|what kind of|what colou?r) (?:car|vehicle|truck|van|suv)?\b"
            r"|\b(?:drive|drove|driving) (?:off |away )?in (?:something|anything|a \w+ (?:car|truck|van|suv))\b",
            0.85,
        ),
        (
            "q",
            r"(?<!foot or )(?<!foot, or )\b(?:get|got|getting|jump|jumped|hop|hopped|climb|climbed) (?:in|into) (?:a|the|any|his|her|their|what)"
            r" (?:car|vehicle|truck|van|suv)\b"
            r"|\b(?:hear|see|notice|heard|saw|noticed) (?:a|any) (?:car|vehicle|truck|van)\b|\bany (?:car|vehicle|truck|van)s?\b"
            r"|\bthe make\b|\b(?:a )?(?:ford|chevy|toyota|honda|dodge|nissan) or (?:a )?\w+\b",
            0.85,
        ),
        (
            "q",
            r"\bhow many (?:cars|vehicles|trucks)\b|\bwhat colou?r (?:is|was) the (?:car|vehicle|truck|van|suv)\b"
            r"|\bdamage to the (?:vehicle|car)\b",
            0.9,
        ),
    ],
    "ask_hazards": [
        # sharp things at the scene: "any broken glass around her?"
        (
            "q",
            r"\bbroken (?:glass|bottles?|windows?|windshield)\b|\b(?:glass|debris|nails) (?:everywhere|all over)\b",
            0.8,
        ),
        (
            "q",
            r"\b(?:(?<!from the )smoke|(?<!where is the )(?<!exactly is the )(?<!away from the )(?<!address of the )(?<!location of the )fire(?! department| truck| crew| engine)"
            r"|flames?|burning|smoking|sparking|gas(?! station)|fuel|leak(?:ing|s)?|power lines?|wires?|chemicals?|hazardous|hazmat|hazards?"
            r"|dogs?|animals?|pets?|traffic|propane|spreading|explosives?|sparks?|spill(?:ing|ed|s)?|pool|flood(?:ing|ed|water|waters)?|water (?:\w+ ){0,2}(?:rising|coming in))\b",
            0.85,
        ),
        (
            "q",
            r"\banything (?:dangerous|hazardous)\b|\bany danger to (?:us|the crew|responders)\b"
            r"|\bwarn (?:the|them|the \w+|our \w+) (?:\w+ )?about\b",
            0.8,
        ),
    ],
    "ask_people_count": [
        # who is still in the building: "who's still inside?", "who else is in there?"
        (
            "q",
            r"\bwho (?:else )?(?:is|are) (?:still |left )?(?:inside|in there|in the (?:house|building|apartment|home|car))\b",
            0.85,
        ),
        # "just you and her in there?", "only the two of you home?"
        (
            "q",
            r"^(?:(?:so|and|okay|is it|is that),? )*(?:just|only) (?:you|the two of you|you two|the (?:two|three) of you)"
            r"(?: and (?:him|her|them|the \w+|your \w+|\w+))?(?: (?:in there|there|home|inside|at home|in the \w+|with (?:him|her|them)))?\s*\??$",
            0.85,
        ),
        # someone caught in the wreck or the building: "is anyone trapped?", "anybody pinned in the car?"
        (
            "q",
            r"\b(?:anyone|anybody|someone|somebody|people|kids|children|everyone|everybody) (?:still )?(?:trapped|pinned|stuck)\b",
            0.85,
        ),
        (
            "any",
            r"\bhow many\b(?! (?:cars|vehicles|trucks|pills|minutes|hours|times|drinks|blocks|miles|shots|floors|days"
            r"|weeks|years|months|seconds|of the pills|tablets|doses|bottles|injured|hurt))(?!\s*[?.!]|\s*$)",
            0.85,
        ),
        (
            "q",
            r"\b(?:anyone|anybody|someone|somebody|people|kids|children) else\b|\b(?:any|other|more) (?:people|kids|children"
            r"|persons|victims|patients|occupants)\b|\bis anyone with (?:you|him|her)\b"
            # "is there anybody there with you?", "do you have someone with you?", "who is there with him?"
            r"|\b(?:is|are) (?:there )?(?:anyone|anybody|someone|somebody|people)(?: else)? (?:there |here |home |at home )?"
            r"(?:with you|with him|with her|with them)\b(?! (?:that|who|which)\b| (?:\w+ )?(?:hurt|injured|bleeding|shot|stabbed|sick)\b)"
            r"|\b(?:do you have|does (?:he|she) have) (?:anyone|anybody|someone|somebody|people)"
            r"(?: else)? (?:there |here |home )?(?:with you|with him|with her)\b|\bwho(?: else)? is (?:there |here |home |in (?:the|your|that) \w+ )?(?:with you|with him|with her|with them)\b"
            r"(?! (?:that|who|which)\b| (?:\w+ )?(?:hurt|injured|bleeding|shot|stabbed|sick)\b)",
            0.85,
        ),
        (
            "q",
            r"\b(?:is|are) (?:he|she|they|you) (?:alone|by (?:him|her|your|them)sel(?:f|ves))\b|\b(?:everyone|everybody|all of you) (?:\w+ )?(?:out|accounted)\b"
            r"|\b(?:the )?only (?:one|ones|person|people)\b"
            r"|\bdid everyone get out\b|\b(?:children|kids) in the (?:home|house)\b|\blive there\b",
            0.85,
        ),
        ("q", r"\bhow many (?:are |were )?(?:injured|hurt)\b", 0.8),
        # "is anyone (still) inside", "is it just you and him"
        (
            "q",
            r"\b(?:is|are) (?:there )?(?:anyone|anybody|someone|somebody|people|kids|children) (?:else )?(?:still )?"
            r"(?:inside|in (?:the|your|that) (?:house|home|building|apartment|car|vehicle|room|unit|back seat|backseat))\b"
            r"(?! (?:who|that|\w+ (?:hurt|injured|bleeding|shot|stabbed)|hurt|injured|bleeding|shot|stabbed))"
            r"|\b(?:is it|is that|are there|are you) (?:just|only) (?:you|the two|two)\b"
            r"|\b(?:any|an?|another) (?:grown-?ups?|adults?|parents?) (?:there|with you|home|at home|in the house)\b",
            0.85,
        ),
    ],
    "ask_caller_safety": [
        ("q", r"\b(?:get|come) to you\b|\b(?:is|are) (?:he|she|they) still (?:near|close to|next to|with) you\b", 0.8),
        ("q", r"\bare you (?:\w+ ){0,2}safe\b|\bsafe (?:place|location|spot|room|distance)\b|\bsomewhere safe\b", 0.9),
        (
            "q",
            r"\b(?:could|might|would|can|will) (?:\w+ )?hurt you\b|\b(?:is|are) (?:it|you) (?:safe|in (?:any )?danger)\b|\bin (?:any )?danger\b|\bout of danger\b|\bfeel safe\b",
            0.9,
        ),
        ("q", r"\bcan (?:he|she|they|the \w+) (?:hear|see) you\b(?! (?:if|when))", 0.85),
        (
            "q",
            r"\b(?:is|are) (?:he|she|they|the \w+) (?:near|close to|next to|with) you\b|\bhiding\b"
            r"|\baway from (?:him|her|them|the (?:fire|house|car|smoke|building|scene|vehicle))\b",
            0.85,
        ),
        (
            "q",
            r"\bare you (?:and (?:the |your |my )?\w+ )?(?:still |all |already |now |safely |both )?(?:out of|outside|off|clear of) (?:the|your) (?:house|building|car|home|apartment|road|street"
            r"|highway|traffic|lanes?|vehicle)\b|\bin the (?:same )?room with you\b"
            r"|\b(?:does|do) (?:he|she|they) know where you are\b",
            0.8,
        ),
        ("q", r"\bare you and the \w+ safe\b", 0.9),
        # "are you okay to talk?", "is anyone threatening you?", "what's going on, are you alright?"
        (
            "q",
            r"\b(?:are you (?:okay|alright|all right|able|free) to (?:talk|speak)|(?:can|could) you (?:talk|speak) (?:freely|safely)"
            r"|safe (?:for you )?to (?:talk|speak))\b"
            r"|\b(?:is|are) (?:anyone|anybody|someone|somebody|he|she|they|the \w+) (?:still )?(?:there |here |in (?:there|the house) )?"
            r"(?:still )?(?:threatening|hurting|bothering"
            r"|following|chasing|hitting|after) you\b"
            r"|\bare you (?:okay|alright|all right)\b(?! (?:with|to (?!talk|speak))\b)",
            0.8,
        ),
        (
            "q",
            r"\bhow (?:close|far) (?:is|are) (?:he|she|they|the \w+) (?:to|from) you\b"
            r"|\b(?:get|got|are) (?:yourself |you )?off the (?:road|roadway|highway|street|freeway|interstate)\b",
            0.85,
        ),
        (
            "q",
            r"\b(?:is|are) (?:the |your )?(?:\w+ )?(?:doors?|windows?) (?:\w+ ){0,4}(?:locked|closed|shut|secured)\b|\bout of sight\b"
            # "does he know you called?", "is he close enough to hear you?", "how far away is he?"
            r"|\b(?:does|do|did) (?:he|she|they|the \w+) know (?:that )?you (?:called|are calling|are on the phone|are talking)\b"
            r"|\bclose enough to (?:hear|see|reach|get to) you\b|\bhow far (?:away )?(?:is|are) (?:he|she|they)\b(?! from (?:the|your) \w+)",
            0.85,
        ),
    ],
    "ask_name": [
        (
            "any",
            r"(?<!shout )(?<!call )(?<!say )(?<!yell )\b(?:your|his|her|their|the (?:patient|baby|child|man|woman|victim|person|caller|driver|suspect|guy|lady|kid"
            r"|boy|girl)(?:'?s)?) (?:(?:first|last|full|middle)(?: and (?:first|last))? )?name\b",
            0.9,
        ),
        (
            "any",
            r"\bname of the (?:patient|person|caller|victim|driver|man|woman|baby|child|kid|guy|lady)\b"
            r"|\bwhat do (?:you|they|people) (?:go by|call (?:you|him|her))\b|\bgo by\s*\?",
            0.85,
        ),
        ("any", r"\bwho am i (?:speaking|talking) (?:with|to)\b|\bwho is this\b|\bwhat should i call you\b", 0.9),
        ("any", r"\bspell (?:your|his|her|that|the|their) (?:(?:first|last|full) )?name\b|\bspell that\b", 0.85),
        (
            "any",
            r"\b(?:your|his|her|their|the) (?:\w+ ){0,2}\w+(?:'s|s'?) (?:(?:first|last|full) )?name\b(?! (?:for|on|of)\b)",
            0.85,
        ),
        (
            "q",
            r"(?<!call )(?<!call his )(?<!call her )(?<!say his )(?<!say her )\bname\s*\?|\bname, (?:sir|ma'am|miss)\b",
            0.8,
        ),
    ],
    "ask_time": [
        # "what did she take and when", "who was it, and when?"
        ("any", r"(?:,| and|, and) when[?.!]*(?:$| \|)", 0.85),
        ("q", r"\bwhen (?:did|was|were|is|does|do|had|has)\b|\bwhen (?:it|this|that) (?:happened|started)\b", 0.9),
        ("any", r"\bhow long (?:ago|has|have|had|was|were|did|is|since|have)\b|\bwhat time\b", 0.9),
        (
            "any",
            r"\bhow many (?:minutes|hours|days|seconds|weeks)\b(?! old| pregnant| along)|\bjust happen\b|\blast (?:seen|time (?:you|anyone) saw)\b",
            0.9,
        ),
        ("q", r"\b(?:start|begin|began|started)\s*\?|\bstart(?:ed)? (?:hurting|bleeding|seizing)\b", 0.7),
        ("q", r"\band when\s*(?:\?|$|\|)|\bwhen exactly\b", 0.85),
        (
            "q",
            r"\b(?:happening )?right now or\b|\ba while ago\b|\bearlier (?:today|tonight|this \w+)\b|\b(?:tonight|today) or\b",
            0.8,
        ),
        (
            "q",
            r"\bbeen (?:\w+ ){0,2}(?:about |around |like |almost |over )?(?:\d+|a few|a couple|several|an?|one|two|three"
            r"|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|half an?) (?:minutes?|hours?|days?|seconds?)\b",
            0.8,
        ),
    ],
    "ask_drugs": [
        # "do you know what was in the bottle?", "any idea what was in that baggie?"
        (
            "q",
            r"\bwhat (?:was|is) in (?:the|that|those|these|his|her|their) (?:\w+ )?(?:powder|pills?|drink|bottle|baggie|syringe"
            r"|needle|cup|glass|vial|joint|vape|cigarette|stuff|capsules?|tablets?)\b",
            0.8,
        ),
        # "when did she take them and how many?"
        (
            "any",
            r"\b(?:did|has|have) (?:he|she|they|you) (?:take|swallow)\b[^.?!|]{0,30}? and how (?:many|much)\b",
            0.85,
        ),
        (
            "q",
            r"\b(?:is|was|are|were) (?:he|she|they) on (?:anything|something|any)\b(?! (?:medications?|medicines?|meds|blood thinners?|prescriptions?)\b)",
            0.85,
        ),
        (
            "q",
            r"\b(?:take|taken|took|taking|use|used|using|swallow(?:ed)?|inject(?:ed)?|smoke[ds]?|snort(?:ed)?) "
            r"(?:any(?:thing)?|something|drugs|pills|alcohol|heroin|\w+ pills)\b(?! (?:medications?|medicines?|meds|for (?:his|her|their|the)|every|daily|regularly)\b)",
            0.9,
        ),
        (
            "q",
            r"\b(?:drugs?|alcohol|drinking|drink|drunk|intoxicated|pills?|heroin|fentanyl"
            r"|opioids?|needles?|substances?|overdose)\b",
            0.85,
        ),
        ("q", r"\bwhat (?:did|has|have) (?:he|she|they|you) (?:take|taken|use|used|swallow|drink|smoke)\b", 0.9),
        ("q", r"\b(?:is|are|was) (?:he|she|they) high\b", 0.85),
        (
            "q",
            r"\b(?:snort|snorted|inject|injected|shoot up|shot up|smoke|smoked|swallow|swallowed) (?:it|that|them|those)\b",
            0.85,
        ),
    ],
}

# Acts suppressed when a stronger, overlapping act is present.
SUPPRESS: dict[str, tuple[str, ...]] = {
    "verify_address": ("ask_address",),
    "verify_callback": ("ask_callback",),
}

# If any of these match the whole normalised utterance, the act is dropped.
VETO: dict[str, str] = {
    "ask_what_happened": r"\bbreath(?:ing|e|es)\b|\bchest\b",
    "ask_conscious": r"\bhow long (?:has|have|had|was|were|is) \w+(?: \w+)? been (?:unconscious|out|passed out|unresponsive)\b",
    "ask_address": r"\byou people\b",
    "ask_hazards": SERVICES,
    # counting who is in the room ("how many kids are in the room with you?"), or which room the caller hides in,
    # asks for a number or a place, not whether the caller is safe
    # (unless the line also asks whether the caller is safe: "are you safe, and how many kids are with you?")
    "ask_caller_safety": r"^(?!.*\bare you (?:\w+ ){0,2}safe\b).*?\bhow many\b[^.?!|]*\bwith you\b|\b(?:what|which) (?:room|closet|floor)\b[^.?!|]*\bhiding\b",
    # first aid for a nosebleed (lean forward, pinch the nose) is bleeding control, not airway care
    "instruct_airway": r"\bpinch (?:\w+ ){0,5}nose\b(?!.*\b(?:mouth|breaths?)\b)|\bnose ?bleed",
    # pressing down two inches is a chest compression, not bleeding control
    "instruct_bleeding": r"\b(?:two|2|an?|one and a half) inch(?:es)?\b|\bbelly ?button\b|\bthrusts?\b|\bbreaths?\b"
    # pressing a key on the phone is a signal, not pressure on a wound
    r"|\bpress (?:\w+ ){0,3}(?:buttons?|keys?|numbers?)\b"
    # a towel along the bottom of a door keeps smoke out
    r"|\btowels? (?:\w+ ){0,2}(?:under|along|at|across) (?:the bottom of |the gap under |the crack under )?the door\b",
    # a direction of travel is not help on its way ("which direction were they heading")
    "dispatch_notice": r"\b(?:which|what) (?:direction|way) (?:were|are|was|is|did) (?:he|she|they|it|the \w+) "
    r"(?:heading|headed|going|coming)\b|\bwhere (?:are|is|were|was) (?:he|she|they|it|the \w+) "
    r"(?:heading|headed|going)\b",
    # calling the patient by name is a consciousness check, not asking the name
    "ask_name": r"\b(?:say|call|shout|yell|use|said|calling|saying|shouting|yelling)(?: out)? (?:his|her|their|the \w+'s) name\b",
    # counting compressions out loud is not a phone number
    "verify_callback": r"\bone,? two,? three,? four\b|\b1,? 2,? 3,? 4\b",
}
