"""Regular-expression entity patterns (structured and context-dependent labels).

Span conventions (the labelled data sets follow them):

* ADDRESS - house number + street (+ direction) + unit when present
  ("123 Oak Street, Apartment 4B"); a named street alone ("Oak Street");
  intersections without the preposition ("corner of Main and 5th" -> "Main and 5th",
  "Main Street and 5th Avenue"); highways ("I-95", "Route 9"); named places with
  building/room ("Roosevelt High School, Building C, Room 204"); well-known stores
  (any case: "walmart"). The city is not part of the span. Speech-to-text forms count too:
  lower-case "on elm street", "corner of main and fifth" -> "main and fifth", "highway 17",
  "route 9", "I 95"; a following "exit 12" joins the highway span ("I-95 near exit 12"),
  and so does a mile marker, with a direction said between them
  ("I-80 eastbound near mile marker 212"; "Highway 1 northbound" alone stays "Highway 1").
* PHONE - the digits as written, "(555) 123-4567", "555-0134", "555 123 4567",
  10 bare digits, or 7-10 digits spoken as words.
* AGE - the number only: "he's 67" -> "67", "67 years old" -> "67", a decade with its
  "in his": "he's in his forties" -> "in his forties",
  "a 67-year-old" -> "67". Infant ages keep their unit: "six months old" -> "six months".
* TIME - "10 minutes ago", "2 AM", "11:30", "just now", "last night", "for five minutes"
  -> "five minutes". Hedges ("about", "around") and "today"/"tonight" are excluded.
* PERSON - the name as written, including a title ("Mr. Patel", "Officer Daniels")
  and a capitalised surname ("Maria Lopez").
* Lexical labels (WEAPON, INJURY, MEDICAL, VEHICLE, HAZARD, DRUG) - the noun phrase
  without determiners; vehicle colour/make/model are included ("silver Honda Civic");
  "I smell gas" -> HAZARD "gas". Model names that are ordinary words ("escape",
  "charger") and bare generic plurals ("two cars") are vehicles only after a colour/make.
* INJURY - the injury phrase: "broken leg", "busted lip", "swollen ankle", "nose is broken",
  "leg looks broken"; a cut/gash/scrape keeps its location ("cut on his forehead"), and so
  does bleeding with a source ("bleeding from his head"); injury verbs with a body part
  ("hit her head", "broke his arm", "cut her hand"). Burns, bruising, wounds, "stabbed" and
  "shot" stay the bare noun/verb ("burns on his hands" -> "burns").
* MEDICAL - the symptom/condition phrase without "having a" ("having a seizure" ->
  "seizure", "really bad headache" -> "headache"); phrasal symptoms are whole: "not making
  sense", "slurring his words", "face is drooping", "chest hurts", "blood sugar is low",
  "can't move his left arm", "won't wake up".

Every pattern has a named group ``e`` delimiting the entity; the rest is context.
"""

from __future__ import annotations

import re

# --- shared pieces ---------------------------------------------------------------
_NUMWORD_UNIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]" + _NUMWORD_UNIT + r")?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|" + _NUMWORD_UNIT + r"|a hundred|one hundred)"
)
AGE_NUM = r"(?:1[01]\d|120|\d{1,2}|" + NUMWORD + r")(?![\d:])"
# A word that names a place, not a person ("Main Street, 12" is no age).
_NOT_PLACE = (
    r"(?!(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Court|Ct|Boulevard|Blvd|Way|Place|Circle|Highway|Hwy|Route"
    r"|Parkway|Terrace|Trail|Apartment|Apt|Unit|Suite|Room|Floor|Building|Exit|Interstate)\b)"
)
# Numbers said in words, as house numbers and phone numbers are read ("fourteen twenty-five",
# "one eight oh two", "five fifty-five, zero one nine eight"); see ``spoken_numbers``.
_SAID = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|hundred|thousand|double|triple)"
)
SAID_HOUSE_NUMBER = r"(?:" + _SAID + r"(?:[\s-]+(?:and[\s-]+)?" + _SAID + r"){1,5})"
SAID_PHONE = r"(?:" + _SAID + r"(?:(?:[\s,.\u2026-]|\.\.\.)+" + _SAID + r"){5,10})"
DECADE = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0s)"
QTY = (
    r"(?:\d+|" + NUMWORD + r"|a few|a couple(?: of)?|couple(?: of)?|several|a|an"
    r"|half an?|a half)"
)
UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
_HOUR_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_MINUTE_WORD = (
    r"(?:fifteen|thirty|forty[- ]five|oh (?:five|one|two|three|four|six|seven|eight|nine)|twenty|ten|forty|fifty)"
)

STREET_SUFFIX = (
    r"(?:(?:Street|Avenue|Road|Drive|Lane|Boulevard|Court|Place|Way|Circle|Terrace|Parkway|Highway|Trail"
    r"|Loop|Row|Square|Pike|Alley|Path|Crescent|Plaza|Expressway|Freeway)\b"
    r"|(?:St|Ave|Rd|Dr|Ln|Blvd|Ct|Pl|Cir|Ter|Pkwy|Hwy|Trl|Sq)\b\.?)"
)
STREET_SUFFIX_CAP = (
    r"(?:(?:Street|Avenue|Road|Lane|Boulevard|Court|Place|Way|Circle|Terrace|Parkway|Trail|Loop|Row"
    r"|Square|Pike|Alley|Crescent|Drive)\b|(?:St|Ave|Rd|Ln|Blvd|Ct|Pkwy)\b\.?)"
)
DIRECTION = r"(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|N\.?|S\.?|E\.?|W\.?)"
ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth"
    r"|Ninth|Tenth|Eleventh|Twelfth)"
)
UNIT_TAIL = (
    r"(?:\s*,?\s*(?:apartment|apt\.?|unit|suite|ste\.?|room|rm\.?|building|bldg\.?|floor"
    r"|lot|space|#)\s*(?:number\s+)?#?\s*(?:[A-Za-z]?\d+[A-Za-z]?|[A-Za-z](?![\w'])))*"
)
# Words that cannot be part of a street name (keeps "3 kids in the street" out).
_STREET_STOP = (
    r"(?!(?:in|on|at|the|of|and|or|to|a|an|my|his|her|is|are|was|near|by|from|with|for|blocks?"
    r"|miles?|feet|minutes?|down|up|past|toward|towards|off|across|along|over|kids|people"
    r"|times|more|cars?|of)\b)"
)
_CAP_STOP = (
    r"(?!(?:The|A|An|I|We|He|She|They|It|My|Our|Your|His|Her|This|That|Is|Are|On|At|In"
    r"|Stay|Go|Get|Turn|Take|Please|No|Yes|Okay|Ok|So|And|Where|What|Which|Near|By|Down"
    r"|Up|Call|Come|Hi|Hello|Help|Oh|Just|Then|Now|Well|Also|But|Or|If|Is)\b)"
)
CAP_WORD = _CAP_STOP + r"[A-Z][a-zA-Z'\-]+"
STREET_NAME_WORD = _STREET_STOP + r"[A-Za-z0-9][\w'\-]*"
SNAME = r"(?:" + DIRECTION + r"\s+)?(?:" + ORDINAL + r"|" + CAP_WORD + r")(?:\s+" + CAP_WORD + r")?"
SFULL = SNAME + r"\s+" + STREET_SUFFIX_CAP
# One lower-case street word (+ optional second word and suffix), for speech-to-text intersections.
_LOW_STREET = (
    _STREET_STOP + r"[a-z0-9][a-z0-9'\-]*(?:\s+(?:street|avenue|road|drive|lane|boulevard|st|ave|rd|dr|blvd)\b)?"
)

PLACE_TYPE = (
    r"(?:High School|Middle School|Elementary School|Elementary|Junior High|School|Academy"
    r"|University|College|Hospital|Medical Center|Clinic|Mall|Shopping Center|Plaza|Center"
    r"|Centre|Park|Library|Church|Mosque|Synagogue|Temple|Station|Airport|Stadium|Arena"
    r"|Apartments|Motel|Hotel|Inn|Market|Supermarket|Theater|Theatre|Gym|Pharmacy|Bank"
    r"|Restaurant|Cafe|Diner|Bar|Pub|Complex|Tower|Towers|Hall|Courthouse|Casino|Tavern|Grill|Lounge|Saloon"
    r"|Bakery|Warehouse|Factory|Lodge|Resort|Marina|Cemetery|Fairgrounds|Zoo|Museum|Nursing Home|Care Center"
    r"|Senior Center|Community Center|Rec Center|Recreation Center|Daycare|Preschool)"
)
# Speech-to-text (lower-case) forms of the place types that are rarely ordinary phrases.
LOW_PLACE = (
    r"(?:high school|middle school|elementary school|elementary|junior high|hospital|medical center|library"
    r"|church|mall|apartments|motel|hotel|community college|college|university|stadium|airport)"
)
LOW_PLACE_TAIL = (
    r"(?:,?\s+(?:room|building|floor|wing|gate|unit|apartment|apt|(?:parking )?(?:garage|lot|deck))"
    r"\s+(?:number\s+)?(?:[a-z]?\d+[a-z]?\b|[a-z](?![\w'])))*"
)
PLACE_TAIL = (
    r"(?:\s*,?\s*(?:Building|Bldg\.?|Room|Rm\.?|Floor|Suite|Unit|Wing|Gate|Terminal"
    r"|Apartment|Apt\.?|Classroom)\s+[A-Z0-9][\w-]*)*"
)
STORES = (
    r"(?:Walmart|Wal-Mart|Costco|Walgreens|CVS|McDonald's|Starbucks|Home Depot|Lowe's"
    r"|Kroger|Safeway|Publix|7-Eleven|Wawa|Sheetz|Dollar General|Burger King|Taco Bell"
    r"|Wendy's|Wendys|Best Buy|Circle K|Food Lion|Piggly Wiggly|Trader Joe's|Whole Foods|McDonalds|Mcdonald's"
    r"|7 Eleven|Seven Eleven|Dunkin|Chick-fil-A|Walgreen's|Lowes|Kmart|Dollar Tree|Family Dollar"
    # motels and hotels, fuel stops, chains a caller names as the place
    r"|Motel 6|Motel 8|Super 8|Days Inn|Holiday Inn(?: Express)?|Red Roof Inn|Best Western|Comfort Inn|Hampton Inn"
    r"|La Quinta|Econo Lodge|Travelodge|Quality Inn|Sleep Inn|Extended Stay(?: America)?|Motel 8|Exxon|Chevron"
    r"|QuikTrip|Love's|Flying J|Kohl's|Aldi|Meijer|Hy-Vee|Dairy Queen|Applebee's|Denny's|IHOP|Waffle House"
    r"|Cracker Barrel|Planet Fitness|Rite Aid|Sam's Club|Menards|Arby's|KFC|Popeyes|Chipotle|Panera|Pizza Hut"
    r"|Domino's|Buc-ee's)"
)
# Chain names that are also ordinary words: capitalised only.
STORES_CAP = r"(?:Target|Shell|Sonic|Subway|Pilot|Marathon|Citgo|Sunoco|Valero|BP|Mobil|Speedway|Casey's)"
STORE_TAIL = r"(?:\s+(?i:gas station|station|parking lot|parking garage|store|supercenter|truck stop))?"
# A unit, room or floor on its own ("Room 214", "Apartment 4B, fourth floor", "the 6th floor").
FLOOR_ORD = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|top|ground|bottom)"
)
UNIT_ALONE = (
    r"(?:(?:apartment|apt\.?|unit|suite|ste\.?|room|rm\.?)\s+(?:number\s+)?#?(?:[A-Za-z]?\d+[A-Za-z]?\b|[A-Z]\b)"
    r"(?:,?\s+" + FLOOR_ORD + r"\s+floor\b)?)"
)

HIGHWAY = (
    r"(?:(?:I[- ]|i-)\d{1,3}|(?i:interstate)\s+\d{1,3}"
    r"|(?:US|U\.S\.|SR|CR|Loop|(?i:state|highway|hwy|route|rte|county road)(?:\s+(?i:route|highway))?)[- ]?\d{1,4}[A-Za-z]?)"
)

PERSON_NOUNS = (
    r"(?:husband|wife|son|daughter|mom|mother|dad|father|brother|sister|boyfriend|girlfriend"
    r"|partner|friend|roommate|neighbor|neighbour|uncle|aunt|grandma|grandmother|grandpa"
    r"|grandfather|baby|child|kid|boy|girl|man|woman|guy|lady|patient|victim|driver|suspect"
    r"|male|female|person|cousin|nephew|niece|infant|toddler|teenager|teen|gentleman"
    r"|fiance|fiancee|stepson|stepdaughter|coworker|grandson|granddaughter)"
)
RELATION = (
    r"(?:husband|wife|son|daughter|mom|mother|dad|father|brother|sister|boyfriend|girlfriend"
    r"|partner|friend|roommate|neighbor|neighbour|uncle|aunt|grandma|grandmother|grandpa"
    r"|grandfather|baby|child|kid|cousin|nephew|niece|fiance|fiancee|stepson|stepdaughter"
    r"|coworker|grandson|granddaughter|ex|ex-husband|ex-wife|ex-boyfriend|ex-girlfriend)"
)
TITLE = (
    r"(?:Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Doctor|Officer|Deputy|Sergeant|Sgt\.?|Detective"
    r"|Nurse|Captain|Coach|Pastor)"
)
NAME_TOKEN = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"

I = re.IGNORECASE

# (label, regex, flags, confidence). Order matters only for ties.
# Gate: '' (always), '#digit', '#upper', or '|'-separated substrings of the lower-cased text
# that must be present for the pattern to be tried (a speed shortcut, never changes results).
PATTERNS: list[tuple[str, str, int, float, str]] = [
    # ---- ADDRESS ----
    (
        "ADDRESS",
        r"(?<![\w-])(?P<e>\d{1,6}[A-Za-z]?\s+(?:"
        + DIRECTION
        + r"\s+)?(?:"
        + STREET_NAME_WORD
        + r"\s+){1,3}"
        + STREET_SUFFIX
        + r"(?:\s+(?-i:NE|NW|SE|SW|N|S|E|W)\b)?"
        + UNIT_TAIL
        + r")",
        I,
        0.95,
        "#digit",
    ),
    (
        "ADDRESS",
        r"(?<![\w-])(?P<e>\d{1,6}\s+(?:" + DIRECTION + r"\s+)?Broadway\b" + UNIT_TAIL + r")",
        I,
        0.9,
        "broadway",
    ),
    (
        "ADDRESS",
        r"(?<![\w-])(?P<e>"
        + SAID_HOUSE_NUMBER
        + r"\s+(?:"
        + DIRECTION
        + r"\s+)?(?:"
        + STREET_NAME_WORD
        + r"\s+){1,3}"
        + STREET_SUFFIX
        + UNIT_TAIL
        + r")",
        I,
        0.85,
        "street|avenue|road|drive|lane|boulevard|court|place|way|circle|terrace|parkway|highway|trail|st|ave|rd|dr|ln|blvd|ct",
    ),
    # a house number and a street name without its type, where a place is said: "I'm at 410 Lexington", "it's 1-6-0-4 Magnolia"
    (
        "ADDRESS",
        r"(?i:\b(?:at|to|by|near|is|it's|its|it is|address is|outside|in front of))\s+(?P<e>\d{1,6}(?:-\d)*\s+"
        r"(?!(?i:am|pm|a\.m|p\.m|o'clock|minutes?|hours?|years?|people|kids|percent)\b)"
        + CAP_WORD
        + r"(?:\s+"
        + CAP_WORD
        + r")?)"
        r"(?=\s*(?:[,.;!?]|$|\s+(?:and|in|on|near|by|the)\b))",
        0,
        0.75,
        "#digit",
    ),
    (
        "ADDRESS",
        r"(?P<e>\b(?:"
        + DIRECTION
        + r"\s+)?(?:"
        + CAP_WORD
        + r"\s+|"
        + ORDINAL
        + r"\s+){1,3}"
        + STREET_SUFFIX_CAP
        + UNIT_TAIL
        + r")",
        0,
        0.8,
        "#upper",
    ),
    (
        "ADDRESS",
        r"(?P<e>\b" + SFULL + r"\s+(?:and|&|at)\s+(?:" + SFULL + r"|" + SNAME + r"(?=\s*(?:[,.?!;]|$))))",
        0,
        0.9,
        "#upper",
    ),
    ("ADDRESS", r"(?P<e>\b" + SNAME + r"\s+(?:and|&|at)\s+" + SFULL + r")", 0, 0.9, "#upper"),
    # two street names joined where a place is said: "I'm at Elm and Washington", "at Oak and Linden"
    (
        "ADDRESS",
        r"(?i:\b(?:at|on|near))\s+(?P<e>" + CAP_WORD + r"\s+(?:and|&)\s+(?:" + CAP_WORD + r"|" + ORDINAL + r"))\b"
        r"(?!\s+(?i:street|avenue|road|drive|lane|boulevard|st|ave|rd|dr)\b)",
        0,
        0.75,
        "#upper",
    ),
    (
        "ADDRESS",
        r"(?i:corner of|intersection of|cross streets? (?:is|are|of)|crossing of)\s+(?P<e>"
        + SNAME
        + r"\s+(?:and|&)\s+"
        + SNAME
        + r")",
        0,
        0.85,
        "#upper",
    ),
    (
        "ADDRESS",
        r"(?P<e>\b"
        + CAP_WORD
        + r"\s+(?:and|&)\s+"
        + ORDINAL
        + r"|\b"
        + ORDINAL
        + r"\s+(?:and|&)\s+"
        + CAP_WORD
        + r")\b",
        0,
        0.8,
        "#upper",
    ),
    (
        "ADDRESS",
        r"\b(?P<e>(?:(?i:north|south|east|west)bound\s+)?"
        + HIGHWAY
        # a direction after the road goes with a marker after it: "Highway 9 northbound at mile marker 14"
        + r"(?:(?:\s+(?i:north|south|east|west)bound)?"
        + r",?\s+(?i:near|at|by|around|past|before|after)?\s*(?i:exit|mile marker|mm)\s+\d{1,3}(?:\.\d)?)?)\b",
        0,
        0.85,
        "#digit",
    ),
    # "mile marker 14 on I-90", "exit 12 off Route 9"
    (
        "ADDRESS",
        r"\b(?P<e>(?i:mile marker|mm|exit)\s+\d{1,3}(?:\.\d)?\s+(?i:on|of|off|off of)\s+(?:(?i:the)\s+)?(?:(?i:north|south|east|west)bound\s+)?"
        + HIGHWAY
        + r")\b",
        0,
        0.9,
        "mile marker|mm |exit",
    ),
    # a highway crossing a street: "Route 9 and Cedar Road", "Main Street at Highway 20"
    (
        "ADDRESS",
        r"(?P<e>\b(?:"
        + HIGHWAY
        + r"\s+(?:and|&|at)\s+(?:"
        + SFULL
        + r"|"
        + HIGHWAY
        + r")|"
        + SFULL
        + r"\s+(?:and|&|at)\s+"
        + HIGHWAY
        + r"))\b",
        0,
        0.9,
        "#digit",
    ),
    # lower-case (speech-to-text) named place: "at lincoln high school room 214", "saint mary's hospital"
    (
        "ADDRESS",
        r"\b(?:at|in|to|from|near|outside|behind|inside)\s+(?:the\s+)?(?P<e>(?!(?:the|a|an|my|his|her|our|their"
        r"|your|this|that|local|nearest|closest|same|other|big|new|old|nearby|county|city|public|private)\b)"
        r"[a-z][a-z'\-]*(?:\s+[a-z][a-z'\-]*)?\s+" + LOW_PLACE + r"\b" + LOW_PLACE_TAIL + r")",
        0,
        0.75,
        "school|elementary|junior high|hospital|medical center|library|church|mall|apartments|motel|hotel|college|university"
        "|stadium|airport",
    ),
    # lower-case (speech-to-text) street name without a number: "on elm street", "off of old mill road"
    (
        "ADDRESS",
        r"\b(?:on|at|off|of|near|down|onto|to|by)\s+(?P<e>(?:(?:north|south|east|west)\s+)?"
        r"(?!(?:the|a|an|my|his|her|our|their|your|this|that|some|any|go|come|get|just|not|be|can|will|to|and|or|side|dirt|back|country)\b)[a-z][a-z'\-]*(?:\s+"
        + _STREET_STOP
        + r"[a-z][a-z'\-]*)?\s+"
        r"(?:street|avenue|road|drive|lane|boulevard|court|parkway|terrace|circle|pike))\b" + UNIT_TAIL,
        0,
        0.75,
        "street|avenue|road|drive|lane|boulevard|court|parkway|terrace|circle|pike",
    ),
    # lower-case intersections: "the corner of main and fifth" -> "main and fifth"
    (
        "ADDRESS",
        r"(?:corner of|intersection of|cross streets? (?:is|are))\s+(?P<e>"
        + _LOW_STREET
        + r"\s+(?:and|&)\s+"
        + _LOW_STREET
        + r")",
        I,
        0.8,
        "corner of|intersection of|cross street",
    ),
    (
        "ADDRESS",
        r"(?<!\bI'm )(?<!\bI am )(?<!\bname is )(?P<e>\b(?:"
        + CAP_WORD
        + r"\s+){1,4}"
        + PLACE_TYPE
        + r"\b"
        + PLACE_TAIL
        + r")",
        0,
        0.8,
        "#upper",
    ),
    ("ADDRESS", r"(?P<e>\b" + STORES + STORE_TAIL + r")(?!\w)", I, 0.75, ""),
    ("ADDRESS", r"(?P<e>\b" + STORES_CAP + STORE_TAIL + r")(?!\w)", 0, 0.7, "#cap"),
    ("ADDRESS", r"\b(?P<e>" + UNIT_ALONE + r")", I, 0.7, "apartment|apt|unit|suite|ste|room|rm|floor"),
    # ---- PHONE ----
    (
        "PHONE",
        r"(?<![\d-])(?P<e>(?:\+?1[-. ]?)?\(\d{3}\)\s*\d{3}[-. ]\d{4}|(?:\+?1[-. ])?\d{3}[-. ]\d{3}[-. ]\d{4}"
        r"|\d{3}[-.]\d{4}|\d{10})(?![\d-])",
        0,
        0.95,
        "#digit",
    ),
    ("PHONE", r"(?<![\d,.:-])(?P<e>\d{3} \d{4}|\d(?:[ ,.-]{1,2}\d){6,10})(?![\d:])", 0, 0.85, "#digit"),
    (
        "PHONE",
        r"(?<![\d,.:-])(?P<e>\d{3}(?:[\s,.\u2026-]|\.\.\.){1,4}(?:\d{3}(?:[\s,.\u2026-]|\.\.\.){1,4})?\d{4})(?![\d:])",
        0,
        0.85,
        "#digit",
    ),
    ("PHONE", r"\b(?P<e>" + SAID_PHONE + r")\b", I, 0.75, "zero|oh|one|two|three|four|five|six|seven|eight|nine"),
    (
        "PHONE",
        r"\b(?P<e>(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s,-]+){6,10}"
        r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine))\b",
        I,
        0.8,
        "zero|oh|one|two|three|four|five|six|seven|eight|nine",
    ),
    # ---- AGE ----
    (
        "AGE",
        r"\b(?:(?:he|she|i|they|you|(?:the|my|our|his|her|this|that|your) (?:other |older |younger |second |first )?"
        + PERSON_NOUNS
        + r"(?: \w+)?)(?:'s|’s| is|'m|’m| am|'re|’re| are| was| were)|hes|shes|im|theyre)\s+(?:about |around |maybe |only |like |probably "
        r"|approximately |approx\.? |just |almost |nearly |over |under |roughly |barely )?(?P<e>" + AGE_NUM + r")\b"
        r"(?!\s*(?:%|percent|feet|foot|ft|inch|inches|pounds|lbs|kilos|minutes?|mins?|hours?|hrs?|seconds?|miles?"
        r"|blocks?|weeks? pregnant|months? pregnant|times|dollars|bucks|degrees|o'clock|am\b|pm\b|a\.m|p\.m"
        r"|meters|yards|stories|floors|of\b|or so people|people|kids|cars)|['\"’]|\.\d|,\d)",
        I,
        0.9,
        "",
    ),
    ("AGE", r"\b(?P<e>" + AGE_NUM + r")(?:\s+|-)(?:years?|yrs?|yr)(?:\s+|-)old\b", I, 0.95, "old"),
    # an appositive guess: "a kid, maybe 10, riding his bike"
    (
        "AGE",
        r"\b(?:a|the|my|our|his|her|this|that) " + PERSON_NOUNS + r",\s+(?:maybe|about|around|probably|like|roughly"
        r"|approximately|possibly|i think|i'd say)\s+(?P<e>" + AGE_NUM + r")(?=\s*(?:,|or so|years|\.|$))",
        I,
        0.8,
        "maybe|about|around|probably|like|roughly|approx|possibly|think|say",
    ),
    ("AGE", r"\b(?P<e>" + AGE_NUM + r"\s+(?:months?|weeks?|days?))(?:\s+|-)old\b", I, 0.9, "old"),
    # an age after a name, as callers give both in one breath: "Rick Alvarez, 47", "I'm Ann Cole, sixty one"
    (
        "AGE",
        r"(?<!\d )\b(?-i:"
        + _NOT_PLACE
        + r"[A-Z][a-z]+(?:\s+"
        + _NOT_PLACE
        + r"[A-Z][a-z]+)?)(?:,|\.\.\.|\u2026)\s*(?P<e>"
        + AGE_NUM
        + r")(?=\s*(?:,|\.|!|$|years|yrs))",
        I,
        0.75,
        "#upper",
    ),
    # a guess from a look: "he looks about fifty", "she seems like 30 or so"
    (
        "AGE",
        r"\b(?:he|she|they|the (?:\w+ )?\w+)\s+(?:looks?|looked|seems?|seemed)\s+(?:to be\s+)?(?:about|around|like|maybe|roughly|maybe like)"
        r"\s+(?P<e>" + AGE_NUM + r")\b(?=\s*(?:,|\.|!|$|or so|years|yrs|ish))",
        I,
        0.75,
        "look|seem",
    ),
    ("AGE", r"\b(?P<e>" + AGE_NUM + r"-(?:month|week|day))-old\b", I, 0.85, "old"),
    ("AGE", r"\bage(?:d|:)?\s+(?:is\s+)?(?:about\s+|around\s+)?(?P<e>" + AGE_NUM + r")\b", I, 0.9, "age"),
    (
        "AGE",
        r"\b(?:(?:he|she|they)(?:'s|’s| is| are|'re)|hes|shes|theyre)\s+(?P<e>(?:in\s+(?:his|her|their)\s+)?(?:early |mid |late )?"
        r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0s))\b",
        I,
        0.8,
        "ties|0s",
    ),
    # a decade is an age wherever it is said: "in his eighties", "late fifties", "mid-forties"
    (
        "AGE",
        r"\b(?P<e>in (?:his|her|their|my|your) (?:early |mid |late |mid-)?"
        + DECADE
        + r"|(?:early|mid|late)[- ]"
        + DECADE
        + r")\b",
        I,
        0.8,
        "ties|0s",
    ),
    # "George is 74", "the older guy is like fifty"
    (
        "AGE",
        r"(?:\b(?-i:(?!(?:It|This|That|There|He|She|What|Who|Which|Where|Room|Apartment|Unit|Exit|Highway|Route)\b)[A-Z][a-z]+)"
        r"|\b(?:the|my|our|his|her|this|that|your) \w+ "
        + PERSON_NOUNS
        + r") (?:is|was) (?:about |around |maybe |like |probably |only )?"
        r"(?P<e>"
        + AGE_NUM
        + r")\b(?!\s*(?:%|percent|feet|foot|inch|inches|pounds|lbs|minutes?|hours?|seconds?|miles?|blocks?"
        r"|times|dollars|degrees|o'clock|am\b|pm\b|people|kids|cars|of\b)|['\"’]|\.\d|,\d|:)",
        I,
        0.75,
        " is | was ",
    ),
    # ---- TIME ----
    ("TIME", r"\b(?P<e>" + QTY + r"\s+(?:and a half\s+)?" + UNIT + r"(?:\s+and a half)?\s+ago)\b", I, 0.9, "ago"),
    ("TIME", r"\b(?P<e>(?:a (?:little )?while|a bit|awhile|moments?|a moment|a second) ago)\b", I, 0.85, "ago"),
    ("TIME", r"(?<![\d:])(?P<e>\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)|\d{1,2}:\d{2})(?![\w:])", I, 0.9, "#digit"),
    ("TIME", r"\b(?P<e>(?:\d{1,2}|" + NUMWORD + r") o'clock)\b", I, 0.9, "o'clock"),
    # a clock time with its part of the day, either way round: "9 this morning", "three thirty this
    # afternoon", "last night at eleven"
    (
        "TIME",
        r"(?<![\d:] )\b(?P<e>(?:\d{1,2}(?:[: ]\d{2})?|"
        + _HOUR_WORD
        + r"(?: "
        + _MINUTE_WORD
        + r")?) (?:this|last|yesterday) "
        r"(?:morning|afternoon|evening|night))\b",
        I,
        0.85,
        "morning|afternoon|evening|night",
    ),
    (
        "TIME",
        r"\b(?P<e>(?:yesterday|last|this) (?:morning|afternoon|evening|night) (?:at|around|about) (?:\d{1,2}(?::\d{2})?"
        r"(?:\s*(?:am|pm))?|" + _HOUR_WORD + r"(?: " + _MINUTE_WORD + r")?))\b",
        I,
        0.85,
        "morning|afternoon|evening|night",
    ),
    (
        "TIME",
        r"\b(?:at|around|about|since|by|till|until) (?P<e>" + _HOUR_WORD + r" " + _MINUTE_WORD + r")\b",
        I,
        0.8,
        "thirty|fifteen|forty|oh ",
    ),
    (
        "TIME",
        r"\b(?P<e>(?:yesterday|last|this) (?:morning|afternoon|evening|night|year|month|week)|overnight)\b",
        I,
        0.85,
        "yesterday|last|this|overnight",
    ),
    ("TIME", r"\b(?:in|since|back in) (?P<e>(?:19|20)\d\d)\b", I, 0.8, "#digit"),
    (
        "TIME",
        r"\b(?:at|around|about|since|by|after|before|till|until) (?P<e>(?:1[0-2]|0?[1-9]) [0-5]\d)(?![\d:])\b",
        I,
        0.75,
        "#digit",
    ),
    (
        "TIME",
        r"\bfor (?:about |around |like |almost |over |nearly |at least |the (?:last|past) )?(?P<e>"
        + QTY
        + r"\s+"
        + UNIT
        + r")\b",
        I,
        0.75,
        "for ",
    ),
    # ---- PERSON ----
    ("PERSON", r"(?P<e>\b" + TITLE + r"\s+" + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r")?)", 0, 0.85, "#upper"),
    (
        "PERSON",
        r"(?i:\bmy\s+" + RELATION + r"(?:'s name is|,)?\s+)(?P<e>" + NAME_TOKEN + r"(?:\s+" + NAME_TOKEN + r")?)",
        0,
        0.85,
        "#upper",
    ),
    (
        "PERSON",
        r"(?i:\b(?:name is|name's|names is|named|called|this is|it's|it is|i'm|i am)\s+)(?P<e>"
        + CAP_WORD
        + r"(?:\s+"
        + NAME_TOKEN
        + r")?)",
        0,
        0.8,
        "#upper",
    ),
]

# Lower-case name after a relation word ("my husband robert", speech-to-text style).
LOWER_NAME_CONTEXT = re.compile(r"\bmy\s+" + RELATION + r",?\s+(?P<e>[a-z]+)\b")
# Surname after a known first name.
SURNAME_AFTER = re.compile(r"\s+(" + NAME_TOKEN + r")\b")
NOT_SURNAME = frozenset(
    """
Street Avenue Road Drive Lane Court Boulevard Is Are Was Has Had And Or But The
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
June July August September October November December I He She It We They Okay Please Yes No
""".split()
)

# Context-dependent lexical entities.
BODY = (
    r"(?:arm|arms|leg|legs|wrist|wrists|ankle|ankles|hip|hips|nose|jaw|rib|ribs|collarbone"
    r"|neck|back|finger|fingers|toe|toes|hand|hands|foot|feet|shoulder|elbow|knee|skull"
    r"|femur|pelvis|tailbone|thumb)"
)
# Wider body-part list for injury locations ("cut on his forehead", "busted lip").
BODY2 = (
    r"(?:(?:left|right|upper|lower) )?(?:" + BODY[3:-1] + r"|head|forehead|face|lip|lips|eye|eyes|eyebrow|chin"
    r"|cheek|scalp|stomach|belly|chest|abdomen|side|thigh|thighs|calf|shin|shins|knees|mouth|ear|ears|throat"
    r"|palm|palms|forearm|forearms|butt|body|teeth|tooth)"
)
_POSS = r"(?:his|her|my|their|your|the|its)"
# Injury nouns that take their location into the span ("cut on his forehead"); burns, bruising
# and wounds keep the bare noun (the held-out convention: "a burn on her hand" -> "burn").
_INJ_NOUN = r"(?:cuts?|gash(?:es)?|lacerations?|scrapes?|scratches|abrasions?|bites?|punctures?)"
_INJ_ADJ = r"(?:broken|fractured|dislocated|sprained|busted|shattered|bloody|swollen|split|fat|twisted|mangled|crushed)"
_INJ_VERB = (
    r"(?:hit|bumped|banged|smacked|cracked|busted|split|cut|sliced|broke|broken|burned|burnt|hurt|injured"
    r"|sprained|twisted|dislocated|fractured|crushed|smashed)"
)
CONTEXT_PATTERNS: list[tuple[str, str, int, float, str]] = [
    (
        "INJURY",
        r"\b(?P<e>" + _INJ_ADJ + r" " + BODY2 + r")\b",
        I,
        0.9,
        "broken|fractured|dislocated|sprained|busted|shattered|bloody|swollen|split|fat|twisted|mangled|crushed",
    ),
    (
        "INJURY",
        r"\b(?P<e>"
        + BODY2
        + r" (?:is|are|was|were|looks|look|seems|seem|might be|may be|could be) (?:really |pretty |all )?"
        r"(?:broken|fractured|dislocated|swollen|bleeding|busted|cut open|split open|mangled|crushed|twisted|sprained|bruised))\b",
        I,
        0.85,
        "broken|fractured|dislocated|swollen|bleeding|busted|open|mangled|crushed|twisted|sprained|bruised",
    ),
    # a body part in a state seen: "his leg is bent the wrong way", "her hand's all torn up", "head's bleeding"
    (
        "INJURY",
        r"\b(?P<e>" + BODY2 + r"(?:'s|\u2019s| is| are| was| were| looks| look) (?:really |pretty |all |so )?"
        r"(?:bent(?: (?:the wrong way|backwards|funny|weird|sideways))?|torn up|ripped (?:open|up)|deformed|cut up|bruised up"
        r"|burned|burnt|blistered|blistering|black and blue|gushing(?: blood)?|pouring blood|bleeding|swelling(?: up)?"
        r"|swollen|broken|busted|mangled|crushed|twisted|split open|cut open|split|pinned|trapped|stuck))\b",
        I,
        0.85,
        "bent|torn|ripped|deformed|cut|bruised|burn|blister|black|gushing|pouring|bleeding|swell|swollen|broken|busted|mangled|crushed|twisted|open|split|pinned|trapped|stuck",
    ),
    # a colour seen: "purple lips", "her lips are going blue"
    (
        "INJURY",
        r"\b(?P<e>(?:blue|purple|gray|grey|white|pale) (?:lips|fingertips|fingernails|nails)|(?:lips|fingertips|fingernails"
        r"|nails|face|skin)(?:'s| is| are)? (?:going |turning |getting |look |looks |kind of |all )?(?:blue|purple))\b",
        I,
        0.85,
        "lips|finger|nails|face|skin",
    ),
    # a lump or bump where it is: "a bump on her head", "big knot on his forehead"
    (
        "INJURY",
        r"\b(?P<e>(?:(?:big|huge|bad|small|little) )?(?:bump|lump|knot|goose egg|welt)s? (?:on|to|in) "
        + _POSS
        + r" "
        + BODY2
        + r")\b",
        I,
        0.85,
        "bump|lump|knot|goose|welt",
    ),
    # "cut on his forehead", "gash on her leg"; "bleeding from his head"
    (
        "INJURY",
        r"\b(?P<e>(?:(?:deep|big|bad|small|little|nasty|huge|long|open) )?"
        + _INJ_NOUN
        + r" (?:on|to|in|across|over|under|all over) "
        + _POSS
        + r" "
        + BODY2
        + r"|bleeding (?:from|out of) "
        + _POSS
        + r" "
        + BODY2
        + r")\b",
        I,
        0.88,
        "cut|gash|lacera|scrape|scratch|abrasion|bleeding|bite|puncture",
    ),
    # "she hit her head", "broke his arm", "cut her hand"
    (
        "INJURY",
        r"\b(?P<e>" + _INJ_VERB + r" " + _POSS + r" " + BODY2 + r")\b",
        I,
        0.85,
        "hit|bump|bang|smack|crack|bust|split|cut|slice|broke|burn|hurt|injur|sprain|twist|dislocat|fractur|crush|smash",
    ),
    (
        "INJURY",
        r"\b(?:is|are|might be|may be|could be|must be|looks|seems|think it's|think it is) (?P<e>broken)\b"
        r"(?! (?:down|into|in))",
        I,
        0.75,
        "broken",
    ),
    (
        "INJURY",
        r"\b(?:a|the|his|her|my|their|that|this|big|bad|small|little|nasty|huge|long|bleeding|"
        r"open|some) (?:(?:big|bad|small|little|nasty|huge|long|bleeding|open) )?(?P<e>cuts?)\b(?! (?:off|out|it))",
        I,
        0.8,
        "cut",
    ),
    (
        "INJURY",
        r"\b(?:been|got|was|were|get|is|are|being|gets|getting|he's|she's|i've) (?P<e>shot)\b"
        r"(?! (?:at|up|of|down|the|a|it|him|her|them))",
        I,
        0.85,
        "shot",
    ),
    ("INJURY", r"\b(?P<e>shot) (?:in|through) the\b", I, 0.85, "shot"),
    (
        "DRUG",
        r"\b(?:he|she|they|i|you)(?:'s|’s| is| are|'re|’re| was| were| am|'m|’m)(?: so| really| very| totally)?"
        r" (?P<e>high)\b(?! school| fever| blood| up| risk| above| chair)",
        I,
        0.75,
        "high",
    ),
    ("DRUG", r"\b(?P<e>high) on\b", I, 0.8, "high"),
    # MEDICAL phrases built around a body part or a reading
    (
        "MEDICAL",
        r"\b(?P<e>(?:can't|cannot|can not|couldn't|can't really) (?:move|feel|lift) " + _POSS + r" " + BODY2 + r")\b",
        I,
        0.8,
        "move|feel|lift",
    ),
    (
        "MEDICAL",
        r"\b(?P<e>(?:chest|stomach|belly|head|heart)(?:'s|\u2019s| is)? (?:hurts|hurting|feels (?:tight|heavy|funny|weird)|racing|pounding))\b",
        I,
        0.8,
        "hurt|feels|racing|pounding",
    ),
    # a part of the body felt numb, stiff or weak: "his left arm's numb", "her neck's stiff"; vision, feeling sick
    (
        "MEDICAL",
        r"\b(?P<e>"
        + BODY2
        + r"(?:'s|\u2019s| is| are| feels| feel| went| goes) (?:all |really |kind of |so )?(?:numb|stiff|tingly"
        r"|tingling|weak|dead|limp))\b",
        I,
        0.8,
        "numb|stiff|tingl|weak|dead|limp",
    ),
    (
        "MEDICAL",
        r"\b(?P<e>(?:vision|eyesight)(?:'s| is)? (?:blurry|blurred|double|going)|blurr?(?:y|ed) vision"
        r"|double vision|feels? (?:really |so )?(?:sick|dizzy|faint|weak)|breathing (?:real |really |very |super )?(?:fast|hard|heavy))\b",
        I,
        0.8,
        "vision|eyesight|sick|dizzy|faint|breathing",
    ),
    # a felt pain in a named body part: "his hip hurts", "her back is really hurting"
    (
        "MEDICAL",
        r"\b(?:his|her|my|their) (?P<e>"
        + BODY2
        + r" (?:really |still )?(?:hurts|is (?:really )?hurting|is killing (?:him|her|me)))\b",
        I,
        0.75,
        "hurt|killing",
    ),
    (
        "MEDICAL",
        r"\b(?P<e>(?:blood )?sugar(?:'s|\u2019s| is| was)? (?:really |very |super |too |way )?(?:low|high))\b",
        I,
        0.8,
        "sugar",
    ),
    (
        "MEDICAL",
        r"\b(?P<e>(?:face|mouth|smile|eye|lip) (?:is |was |looks |seems )?(?:drooping|droopy|crooked|lopsided))\b",
        I,
        0.85,
        "droop|crooked|lopsided",
    ),
    (
        "MEDICAL",
        r"\b(?P<e>slurr(?:ing|s) "
        + r"(?:his|her|their|my)? ?words|(?:speech|words) (?:is |are |was |were |sounds? )?slurred)\b",
        I,
        0.85,
        "slur",
    ),
    (
        "HAZARD",
        r"\bsmell(?:s|ing|ed)?(?: of| like)? (?P<e>gas|natural gas|propane|smoke|something burning)\b",
        I,
        0.85,
        "smell",
    ),
    # lines down: "the wires are down", "power lines came down"
    (
        "HAZARD",
        r"\b(?P<e>(?:(?:power|electric|electrical|phone|utility) )?(?:lines?|wires?|poles?) (?:is |are |was |were |came |come |went |have come |has come |are all )"
        r"(?:down|sparking|on the ground|hanging|in the road|on the car))\b",
        I,
        0.85,
        "line|wire|pole",
    ),
    # something burning, smoking, leaking: "the engine is smoking", "the gas tank is leaking", "they're sparking"
    (
        "HAZARD",
        r"\b(?:is|are|was|were|'s|\u2019s|'re|\u2019re|keeps?|kept|started|starts) (?:still |really |now )?"
        r"(?P<e>smoking|sparking|smou?ldering|arcing)\b",
        I,
        0.8,
        "smoking|sparking|smoulder|smolder|arcing",
    ),
    (
        "HAZARD",
        r"\b(?P<e>(?:propane tank|oxygen tank|gas|fuel|gasoline|diesel|oil|propane|gas tank|fuel tank|tank|radiator|battery acid|acid|chemicals?|coolant"
        r"|antifreeze)(?:'s| is| are)? (?:leaking|spilling|pouring out|gushing out|dripping)|(?:gas|fuel|gasoline|diesel|oil|propane|chemicals?)"
        r"(?= (?:is |are )?all over the (?:road|ground|floor|street|place)))\b",
        I,
        0.85,
        "leak|spill|pouring|gushing|dripping|all over",
    ),
    # something sharp or slippery spread about, said with where: "there's glass all over the floor"
    (
        "HAZARD",
        # (a lexicon hazard such as "broken glass" stays as it is)
        r"(?<!broken )\b(?P<e>(?:glass|debris|ice|nails|shards|sharp metal)(?: is| are|'s)? (?:all )?over the "
        r"(?:road|ground|floor|street|place|highway|lanes?|kitchen|room|sidewalk|driveway))\b",
        I,
        0.85,
        "all over|over the",
    ),
]


def compile_patterns(
    specs: list[tuple[str, str, int, float, str]],
) -> list[tuple[str, re.Pattern, float, tuple[str, ...]]]:
    return [
        (label, re.compile(rx, flags), conf, tuple(g for g in gate.split("|") if g))
        for label, rx, flags, conf, gate in specs
    ]
