"""Dialogue-act patterns for instructions and social acts of the call-taker.

Same format and normalisation as ``act_patterns`` (scope, regex, weight).

Labelling decisions worth knowing:
* "put your ear next to his mouth" is a breathing *check* -> ask_breathing only
  (instruct_airway is reserved for opening/clearing the airway: head tilt, chin
  lift, recovery position, sweeping the mouth, back blows / abdominal thrusts).
* Announcing that help is en route ("help is on the way", "help is coming",
  "paramedics are headed to you") is dispatch_notice; reassure is emotional
  support ("you're doing great", "I'm here with you", "it's going to be okay").
* A polite "I need you to calm down" is calm_control; insults or dismissive
  phrasing ("calm down already, idiot", "stop crying") is rude.
* instruct_airway also covers positioning that keeps the airway open or eases
  breathing, however it is worded: the recovery position ("so she's lying on
  her side"), sitting upright / leaning forward, loosening tight clothing at the
  neck, keeping the head tilted back.
* instruct_safety covers scene safety and patient protection ("don't let him
  get up or walk",
  "don't give him anything to eat or drink", "move things away from him",
  "don't hold him down, nothing in his mouth", "stay out of traffic".
* Thanking the caller *for calling / reporting* is reassure (validation); a bare
  "thank you" / "thanks" acknowledging an answer stays other. "Help is on the
  way" stays dispatch_notice, so "Thanks for calling, help is on the way" is both.
* calm_control is taking charge of the conversation: "listen to me",
  "one question at a time", "I need short answers", "take a big breath with
  me", and de-escalating acknowledgements ("I hear you.", "I've got you.",
  "I understand you're angry"). reassure is comfort and praise: "you're doing
  great / exactly right", "you're not in trouble", "I just want to help".
  Praise stays reassure even when it is meant to steady the caller.
"""

from __future__ import annotations

INSTRUCT_PATTERNS: dict[str, list[tuple[str, str, float]]] = {
    "instruct_cpr": [
        ("any", r"\bcpr\b|\bcompressions?\b|\bchest compress", 0.95),
        (
            "imp",
            r"\bpush (?:down )?(?:hard|fast|harder|faster|deep|deeper)\b|\bpush(?:ing)? (?:at|down|on|with)\b"
            r"|\b(?:keep|start|continue|do not stop|never stop) (?:pushing|pumping)\b|\bkeep (?:going|it up),? "
            r"(?:do not stop|push)",
            0.9,
        ),
        (
            "imp",
            r"\bheel of (?:your|the|one|his|her) hand\b|\b(?:center|centre|middle) of (?:his|her|their|the \w+) chest\b"
            r"|\bnipple line\b|\block your elbows\b|\barms straight\b|\bbody weight\b",
            0.9,
        ),
        (
            "imp",
            r"\b(?:two|2|an?|one and a half|1 ?1/2|1\.5) inch(?:es)?\b|\b(?:100|120|hundred|one hundred|a hundred|110)"
            r"(?: to (?:120|a hundred and twenty|one twenty))? (?:times |pushes |compressions )?(?:a|per|every) minute\b",
            0.9,
        ),
        (
            "imp",
            r"\bcount (?:out loud|with me|each|aloud|them|as you)\b|\bother hand on top\b|\bone (?:hand )?on top of the other\b"
            r"|\bhands? (?:on|in) the (?:center|middle)\b|\btwo fingers (?:on|in)\b",
            0.9,
        ),
        (
            "imp",
            r"\bchest (?:come|comes|recoil|rise|go)s? (?:all the way )?(?:back )?up\b|\ball the way (?:back )?up (?:after|between)\b"
            r"|\bflat on (?:his|her|their) back\b|\bkneel\b",
            0.85,
        ),
        ("imp", r"\bkeep pushing\b|\bpush,? push\b|\bpush hard\b", 0.9),
    ],
    "instruct_bleeding": [
        (
            "imp",
            r"\bpressure\b|\btourniquet\b|\bpinch (?:\w+ ){0,5}nose\b|\bnostrils\b|\bpack (?:the wound|it|around)\b|\bsoaks? through\b",
            0.9,
        ),
        ("imp", r"\bpress (?:\w+ ){0,3}(?:on|against|down|firmly|hard|around)\b|\bkeep pressing\b|\bpressing\b", 0.85),
        ("imp", r"\b(?:clean )?(?:cloth|towel|rag|gauze|bandage|dish ?towel|t-shirt)\b|\bshirt or\b", 0.8),
        ("imp", r"\b(?:cover|on|over|against|around|above|below) the (?:wound|cut|bleeding|hole|gash)\b", 0.85),
        ("imp", r"\b(?:raise|elevate) (?:his|her|their|the|your) (?:arm|leg|hand|foot)\b", 0.85),
        (
            "imp",
            r"\b(?:wrap|tie) (?!your arms\b)(?:it|something|a belt|\w+) (?:\w+ )?(?:tight|tightly|above|around)\b",
            0.8,
        ),
        ("imp", r"\bdo not (?:lift|remove|pull|take) (?:it|the (?:towel|cloth|knife|object|rag)|anything)\b", 0.8),
        ("imp", r"\bhold (?:it|firm|direct|pressure|the (?:towel|cloth))\b", 0.8),
        (
            "imp",
            r"\bsomething clean\b|\bhold (?:\w+ ){0,3}(?:firmly|firm|tight|tightly|hard) (?:on|against|over)\b"
            r"|\b(?:help with|stop|slow|control) the bleeding\b",
            0.85,
        ),
    ],
    "instruct_airway": [
        (
            "imp",
            r"\btilt (?:\w+ ){0,3}head\b|\bhead (?:tilted |tipped )?back\b|\blift (?:\w+ ){0,2}chin\b|\bchin lift\b"
            r"|\bairway\b",
            0.95,
        ),
        (
            "imp",
            r"\b(?:roll|turn|put|lay|get|ease|move|place|position) (?:\w+ ){0,3}(?:onto|on to|on) (?:\w+ ){0,1}side\b"
            r"|\brecovery position\b"
            r"|\b(?:lying|lie|laying|sleeping|stays?|keep (?:him|her|them)) on (?:his|her|their|its|the) side\b",
            0.9,
        ),
        # positioning that eases breathing: upright / leaning forward, loosen tight clothing
        (
            "imp",
            r"\b(?:sit|prop|keep|get|help) (?:\w+ ){0,2}(?:upright|up straight)\b|\bsitting (?:up|upright)\b"
            r"|\b(?:sit|prop) (?:him|her|them|the \w+) up (?:so (?:he|she|they) can |to (?:help (?:him|her|them) )?)breathe\b"
            r"|\blean(?:ing)? (?:(?:him|her|them) )?forward\b|\bloosen (?:\w+ ){0,3}(?:tight|collar|tie|clothing|clothes|belt|shirt)\b",
            0.85,
        ),
        # the patient finds the position: "let him sit however he breathes best", "don't make her lie flat"
        (
            "imp",
            r"\b(?:let|have|help) (?:him|her|them|the \w+) (?:sit|stay|be|get) (?:up|upright) (?:however|whichever way|whatever way"
            r"|in whatever way|in whatever position)\b"
            r"|\b(?:however|whichever way|whatever way) (?:he|she|they|it) (?:can )?(?:breathes?|is (?:most )?comfortable)"
            r" (?:easiest|easier|best|better|most easily)?"
            r"|\b(?:do not make|do not let|do not have|do not force) (?:him|her|them|the \w+) (?:to )?lie (?:down|flat|back)\b",
            0.85,
        ),
        (
            "imp",
            r"\bsweep (?:it|\w+ )?out\b|\bclear (?:out )?(?:\w+ )?(?:mouth|throat)\b|(?<!put )\b(?:anything|something) "
            r"(?:in|blocking) (?:\w+ )?(?:mouth|throat)\b",
            0.85,
        ),
        (
            "imp",
            r"\b(?:take|get|pull|wipe|scoop) (?:it|the \w+|\w+)? ?out of (?:\w+ )?mouth\b|\bopen (?:his|her|their|the \w+) mouth\b",
            0.85,
        ),
        (
            "imp",
            r"\brescue breaths?\b|\bgive (?:him |her |them |the baby )?(?:two|2|one|a) (?:rescue |small |quick )?(?:breaths?|puffs)\b"
            r"|\bbreathe into (?:his|her|their|the \w+'?s?) (?:mouth|nose)\b|\bcover (?:his|her|the baby's) mouth and nose with your mouth\b"
            r"|\bback blows\b|\babdominal thrusts\b|\bheimlich\b|\b(?:upward |chest )?thrusts\b|\bbetween the shoulder blades\b",
            0.9,
        ),
        (
            "imp",
            r"\bfist (?:just )?(?:above|over) (?:his|her|their|the) (?:belly ?button|navel)\b|\bthrust (?:in and up|inward and upward|up and in)\b"
            r"|\bstand behind (?:him|her|them)\b|\barms around (?:his|her|their) (?:waist|belly|stomach)\b|\bback slaps?\b"
            r"|\bface down on your (?:forearm|arm|thigh|lap)\b|\bseal your mouth\b|\bmouth over (?:his|hers|her|theirs|the baby'?s?)\b"
            r"|\bone breath every\b|\b(?:keep |start )?giv(?:e|ing) (?:\w+ ){0,2}breaths\b",
            0.9,
        ),
        (
            "imp",
            r"\b(?:hand on (?:his|her|their|the \w+) forehead|fingers under (?:his|her|their|the \w+) chin)\b",
            0.9,
        ),
    ],
    "instruct_safety": [
        (
            "imp",
            r"\block (?:the|your|all|yourself|them|it|every)\b(?! (?:elbows?|arms?|hands?|fingers?|(?:\w+ )?(?:dogs?|cats?|pets?|animals?))\b)|\bdoors? (?:locked|closed)\b|\bclose the door\b",
            0.9,
        ),
        (
            "imp",
            r"\bstay (?:hidden|quiet|inside|outside|low|down|away|out|back|put|in there|(?:right )?where you are|in (?:the|your|that|this) \w+"
            r"|(?:out )?(?:on|in|at|across) (?:the|your) (?:porch|lawn|sidewalk|yard|driveway|street|car|road|corner))\b"
            r"|\b(?:stay|keep) out of (?:sight|view)\b|\bfeel the door\b|\b(?:another|a different|the other) way out\b|\b(?:stay|keep|get) (?:well )?(?:clear|back) (?:of|from)\b|\b(?:keep|leave) (?:the|your|that) (?:\w+ )?doors? (?:shut|closed|locked)\b"
            r"|\b(?:can not|must not|should not) go (?:back )?(?:in|inside|near|in there)\b"
            r"|\bkeep (?:the )?(?:crowd|people|everyone|everybody|bystanders|kids|others) (?:back|away)\b|\bno walking\b"
            r"|\b(?:keep|be) quiet\b|\bhide\b"
            r"|\b(?:get|go|run) (?:in)?to (?:a|the|another|your) (?:room|bathroom|bedroom|closet|office) (?:that|you can|where you can)"
            r" (?:locks?|lock (?:it|the door|yourself in))\b|\b(?:back away|step away|move away|walk away)(?: from (?:him|her|them|the \w+))?\b",
            0.85,
        ),
        (
            "imp",
            r"\bget (?:everyone |everybody |the kids |the children |yourself |them )?(?:out|away|outside|to safety|low)\b"
            r"|\bleave (?:the|your) (?:house|building|home|apartment|area|car|room|scene)\b|\bevacuate\b",
            0.9,
        ),
        (
            "imp",
            r"\bdo not (?:go|come|walk|run) (?:back )?(?:in|inside|near|back|out|outside|over there|out there|down there|up there"
            r"|over to|close)\b|\bstay away from\b",
            0.9,
        ),
        # nothing that could light fuel or gas: "no smoking near the car", "nobody lights a match"
        (
            "imp",
            r"\b(?:no|nobody|no one|do not let anyone|do not let anybody) (?:smoking|smokes|smoke|lights?|lighting|flicks?) (?:\w+ )?"
            r"(?:near|around|by|anything|a match|a lighter|matches|cigarettes?|up)\b"
            r"|\bnothing that (?:can|could|might|would) (?:spark|ignite|light|catch)\b|\bno (?:sparks|open flames?|flames|lighters|matches)\b",
            0.85,
        ),
        (
            "imp",
            r"\bdo not (?:touch|confront|approach|open|engage|chase|follow|try|use|flip|turn|light|argue|fight|let "
            r"(?:him|her|them) in)\b",
            0.85,
        ),
        ("imp", r"\b(?:silence|mute) (?:your|the) (?:phone|ringer)\b|\bphone on (?:silent|vibrate)\b|\bcrawl\b", 0.9),
        (
            "imp",
            r"\bgo to (?:a|the|your) (?:room|neighbou?r(?:s|'s)?|bathroom|bedroom|safe)\b|\bget away from\b"
            r"|\b(?:away from|close|shut|lock|cover|below|under|stay low below|get below) (?:the |all |your |any |that )?windows?\b",
            0.8,
        ),
        ("imp", r"\bhazard lights\b", 0.85),
        (
            "imp",
            r"\bcall (?:us )?back from\b|\bturn off (?:the|your) (?:stove|gas|engine|car|ignition)\b|\blight switch",
            0.85,
        ),
        # keeping the patient still / nothing by mouth / protecting a seizing patient
        (
            "imp",
            r"\bdo not let (?:him|her|them|the \w+) (?:get up|stand|walk|move|drive|eat|drink)\b|\bdo not move\b"
            r"|\bdo not let (?:\w+ ){1,3}(?:go |come |get )?(?:near|close to)\b"
            r"|\bkeep (?:him|her|them|the \w+) (?:calm (?:and |,)?)?(?:still|sitting|seated|lying (?:down|still)|where)\b"
            # clearing what a seizing or falling patient could hit; smoke kept out under a door
            r"|\bmove (?:the|any|all the|that) (?:furniture|chairs?|tables?|things|stuff|objects|coffee table)\b"
            r"(?![^|.]*\b(?:room|space) (?:for them )?to work\b|[^|.]*\bfor (?:the|them)\b)"
            r"|\bso (?:he|she|they) (?:does not|do not|will not|can not) (?:hit|bang|hurt)\b"
            r"|\b(?:towels?|blankets?|sheets?|clothes|clothing) (?:\w+ ){0,2}(?:under|along|at|across) (?:the bottom of |the gap under |the crack under )?the door\b"
            r"|(?<!do not )(?<!never )\b(?:have|let|make) (?:him|her|them) (?:sit|lie|stay) (?:still|down|quiet)\b"
            r"|\bdo not give (?:him|her|them|the \w+) (?:anything|any \w+|food|water|something)\b|\bnothing (?:else )?to eat or drink\b"
            r"|\bdo not (?:hold|restrain|pin) (?:him|her|them|the \w+) down\b|\bnothing in (?:his|her|their) mouth\b"
            r"|\bdo not put (?:anything|something) in (?:his|her|their|the \w+) mouth\b",
            0.85,
        ),
        # scene safety: traffic, clearing hazards, putting weapons / pills out of reach
        (
            "imp",
            r"\bstay (?:on the (?:sidewalk|shoulder|curb|grass)|off the (?:road|street|highway))\b|\bout of (?:traffic|the road)\b"
            r"|\bkeep (?:\w+ ){0,2}(?:back|away) from\b|\b(?:move|clear|push) (?:\w+ ){0,4}(?:away from|out of (?:the|his|her|their) way)\b"
            r"|\b(?:put|leave|take|move|keep|lock) (?!(?:\w+ ){0,2}(?:dogs?|cats?|pets?|animals?)\b)(?:\w+ ){0,5}(?:in another room|out of (?:\w+ )?reach|away from (?:you|him|her|them))\b"
            r"|\bput (?:the|that|your) (?:gun|knife|weapon|pills|bottle)s? (?:down|away)\b",
            0.85,
        ),
    ],
    "instruct_stay_on_line": [
        (
            "any",
            r"(?<!or )(?<!else )(?<!not )(?<!never )\bstay on the (?:line|phone)\b|\bdo not (?:hang up|disconnect)\b|(?<!not )(?<!never )\bstay (?:on|with me on) the (?:line|phone)\b",
            0.95,
        ),
        (
            "any",
            r"\b(?:keep|leave) (?:the|this) (?:line|phone|call) (?:open|connected|with you|near you|on)\b"
            r"|\bkeep the phone (?:with|near|on|by) you\b|\bstay connected\b",
            0.9,
        ),
        (
            "any",
            r"\bi (?:am|will) (?:going to |gonna )?(?:stay|be|staying) on (?:the (?:line|phone)|with you)\b|\bi will stay on\b"
            r"|\bstay on with me\b",
            0.9,
        ),
        (
            "any",
            r"\b(?:i am|i will) not (?:be )?hang(?:ing)? up\b|\bdo not hang (?:it|the phone) up\b"
            r"|\b(?:come|get) (?:right )?back to the phone\b|\blet us keep talking\b"
            r"|\bi am (?:staying|going to stay) (?:right )?(?:here )?(?:with you|on the line)\b|\bstay right here with me\b",
            0.85,
        ),
    ],
    "reassure": [
        (
            "any",
            r"\byou are doing (?:a )?(?:great|good|well|fine|really (?:well|good|great)|amazing|awesome|everything right"
            r"|(?:a )?(?:great|good|fantastic) job|so well|the right thing|perfect|it right)\b",
            0.95,
        ),
        ("any", r"\b(?:good|great|nice) job\b|\bwell done\b|\bthat is (?:perfect|great|good|it)\b|\bperfect\b", 0.85),
        (
            "any",
            r"\bi am (?:right )?here (?:with|for) you\b|\bi am right here\b|\bi am (?:not going|not leaving) (?:anywhere|to leave you)"
            r"|\bnot going to leave you\b|\bi am not going anywhere\b",
            0.95,
        ),
        ("any", r"\byou did (?:the right thing|great|good|well|everything right|a great job|good job)\b", 0.9),
        # "you didn't do anything wrong", "you've done nothing wrong by calling"
        (
            "any",
            r"\b(?:you did not do anything wrong|you did nothing wrong|you have not done anything wrong|you have done nothing wrong"
            r"|not your fault|none of this is your fault)\b",
            0.9,
        ),
        (
            "any",
            r"\b(?:it is|it will be|everything is|everything will be|you are|he is|she is|we are|they are|you will be|it is going to be"
            r"|everything is going to be|you are going to be|he is going to be|she is going to be) (?:okay|ok|alright|all right|fine)\b",
            0.85,
        ),
        (
            "any",
            r"\bget through this\b|\bbrave\b|\bhandling (?:it|this) (?:really |so )?well\b|\bhang in there\b"
            r"|\bwe are going to (?:help|take care of)\b|\bwe will (?:help|take care of)\b"
            r"|\bi know (?:this is|it is) (?:scary|hard|difficult|frightening)\b|(?<!how )\byou are doing\b"
            r"|\bi am with you\b|\bi am here(?=[.,!;]|$| now\b)"
            r"|\bi know (?:that )?(?:you are|you must be|this is|it is) (?:so |really |very )?(?:scared|afraid|frightened|terrified|worried|hard|scary)\b|\bwe (?:have |have got |got )(?:this|you)\b",
            0.85,
        ),
        # thanking the caller for calling (a bare "thank you" stays other); "you are not in trouble"
        (
            "any",
            r"\bthanks? (?:you )?(?:so much |very much )?for (?:calling|reporting|letting us know|staying|stopping|helping)\b"
            r"|\bnot (?:here|trying|going) to get (?:anyone|anybody|you|him|her|them|either of you) (?:\w+ )?in(?:to)? trouble\b"
            r"|\b(?:you are|he is|she is) not (?:going to be )?in (?:any )?trouble\b|\b(?:nobody|no one) is (?:going to be )?in (?:any )?trouble\b"
            r"|\bi (?:just |only )?want to help\b|\bi am (?:just |only )?(?:here|trying) to help\b",
            0.85,
        ),
        (
            "any",
            r"\bdoing everything (?:we|i) can\b|\b(?:we are|we will|we can) (?:do|doing|get through) this together\b"
            r"|\bwe are in this together\b|\byou are not alone\b|\b(?:glad|good thing) you called\b|\byou are safe now\b"
            r"|\bi am not the police\b|\bwe (?:only|just) care about\b",
            0.85,
        ),
        (
            "any",
            r"\b(?:it is|this is|that is|it was|this was) not (?:your|his|her) fault\b|\bdo not (?:you )?worry\b(?! about (?:that|it|him|her)\b)",
            0.85,
        ),
        # relayed through an interpreter or a bystander: "tell her she's doing so well", "let him know help is
        # almost there" (also dispatch_notice), "tell them they're going to be okay"
        (
            "any",
            r"\b(?:tell her|tell him|tell them|tell the |tell your |let her|let him|let them|let the |let your )\w*(?: know)?(?: that)? (?:(?:she|he|they) (?:is|are) (?:doing (?:great"
            r"|good|well|fine|so well|really well|amazing|awesome|everything right|the right thing|(?:a )?(?:great|good) job)"
            r"|safe|not alone|being (?:so |really |very )?brave|going to be (?:okay|ok|alright|all right|fine))"
            # help close by comforts; a plain "tell her the ambulance is coming" is dispatch_notice only
            r"|(?:help|the ambulance|an ambulance|paramedics|the paramedics|medics|the medics|the doctors?|officers|the police"
            r"|the firefighters|firefighters|they|someone|somebody|people|we) (?:is|are|will be)(?: already)? (?:almost there"
            r"|nearly there|(?:very |really )?close|right outside|(?:just )?(?:a (?:few|couple(?: of)?) )?minutes? away|getting close"
            r"|(?:almost|nearly) here|just around the corner))\b",
            0.9,
        ),
    ],
    "dispatch_notice": [
        (
            "any",
            r"\b(?:help|ambulances?|paramedics|medics|emts?|officers|police|deputies|units?|the fire department|fire"
            r"|firefighters|fire (?:department|crew|truck|engine)s?|they|someone|somebody|crews?|troopers|cops|rescue)"
            r" (?:is|are|will be|have been|has been|should be)? ?(?:already |just |still )?(?:on (?:the|their|its|his|her) way|en route|coming"
            r"|responding|heading|headed|being (?:sent|dispatched)|dispatched|arriving|pulling up|there (?:shortly|soon|any minute)"
            r"|(?:almost|nearly|just about) there|(?:right )?around the corner|close by"
            r"|(?:about |only |just )?(?:a (?:few|couple(?: of)?) |\w+ )?(?:minutes?|blocks?|miles?) (?:out|away)|rolling(?: your way| to you)?"
            r"|pulling in)\b",
            0.95,
        ),
        # "cops and ambulance are rolling", "officers are inside the building already", "the fire department's been dispatched"
        (
            "any",
            r"\b(?:help|ambulances?|paramedics|medics|emts?|officers|police|deputies|units?|cops|firefighters|engines|trucks"
            r"|crews?)(?: and (?:the )?(?:an? )?(?:ambulances?|paramedics|medics|police|fire|cops|officers|deputies|ems))? (?:are|is) "
            r"(?:already )?(?:rolling|inside|on scene|at the door|outside|in the building|pulling (?:in|up)|(?:very |really )?close)\b"
            r"|\b(?:has|have|is|are|'s) been (?:dispatched|sent|notified|paged|toned out)\b"
            # "they're very close now", "they're a couple minutes out"
            r"|\bthey are (?:already )?(?:(?:very |really |getting )?close(?! to (?:you|him|her))|pulling (?:in|up)"
            r"|(?:just )?(?:a (?:few|couple(?: of)?)|two|three|four|five) minutes? (?:away|out))\b"
            r"|\b(?:i am|we are) getting (?:them|help|someone|somebody|units|officers|deputies|paramedics|medics|police|cops"
            r"|an ambulance|ambulances|the \w+) (?:going|started|rolling"
            r"|out|headed|on the way)\b|^(?:okay,? |so,? )?going to (?:have|send|get) (?:someone|somebody|an? (?:officer|deputy"
            r"|unit|ambulance|crew|medic|trooper)|officers|deputies|paramedics|the police|units)\b",
            0.85,
        ),
        (
            "any",
            r"\b(?:i|we) (?:have |am |are |have already |already |have got )?(?:got )?(?:sent|sending|dispatched|dispatching|started"
            r"|paged|notified|toned out)\b(?! you)",
            0.85,
        ),
        (
            "any",
            r"\b(?:i|we) (?:have )?(?:got|have) (?:\w+ ){1,3}(?:headed|heading|coming|on the way|en route|started|rolling"
            r"|going(?! on\b)|responding)\b",
            0.9,
        ),
        ("any", r"\bon (?:the|their|its) way\b|\ben route\b|\bpulling up\b|\bhelp (?:is )?started\b", 0.85),
        # "PD is headed there", "I have officers going to you"
        (
            "any",
            r"\b(?:pd|ems|fd|sheriff|medics|officers|deputies|units|the police|the fire department|an ambulance|an officer)"
            r" (?:is |are |have been |has been )?(?:headed|heading|going|rolling|responding)"
            r" (?:there|to you|your way|over|out|to your \w+|to the \w+)\b",
            0.85,
        ),
        # informal: "I'll have someone come by", "we'll send somebody", "somebody will be out there shortly"
        (
            "any",
            r"\b(?:i|we) (?:will|am going to|are going to|am|are|can) (?:have|send|sending|get|getting) (?:someone|somebody|help"
            r"|an? (?:officer|deputy|unit|ambulance|crew|medic|trooper)|officers|deputies|paramedics|an ambulance|the police"
            r"|people|a car|units|them)\b(?: (?:come|coming|out|over|by|to you|to your|there|right|now|swing|stop|headed)\b|[.!,]|$)",
            0.85,
        ),
        (
            "any",
            r"\b(?:someone|somebody|an? (?:officer|deputy|unit|ambulance|crew|medic|trooper|team|car)|officers|deputies|paramedics|they"
            r"|help|police|people|folks|a couple of (?:officers|deputies|people|guys)|the (?:officers?|deputies|paramedics|medics"
            r"|police|ambulance|crew|fire department)|medics|cops|firefighters)"
            r" (?:will|is going to|are going to|should) (?:be (?:out|over|there|with you|by|along)|come (?:by|out|over|to|and)"
            r"|swing by|stop by|drop by|head (?:over|out)|get (?:there|to you)|check on you|be checking on you|look in on you)\b",
            0.85,
        ),
    ],
    "calm_control": [
        (
            "any",
            r"\blisten to me\b|\blisten carefully\b|\bi need you to listen\b|\btake (?:a |some )?(?:deep |slow |big |long )?breaths?\b"
            r"|\bdeep breaths?\b|\bbreathe (?:with|for) me\b|\bstay with me\b|\bi need you to breathe\b",
            0.9,
        ),
        (
            "any",
            r"\banswer (?:my|a few|some|these|a couple of) (?:\w+ )?questions?\b|\bi need you to (?:calm down|slow down|focus|stop (?:yelling|screaming|crying)|stay calm"
            r"|talk to me)\b|\bslow down\b|\bstay (?:calm|focused)\b|\bfocus on (?:my voice|me)\b|\bfocus\b",
            0.9,
        ),
        (
            "any",
            r"(?<!he will )(?<!she will )(?<!they will )(?<!he would )(?<!she would )\bcalm down\b(?! already)|\bone (?:thing|step|question) at a time\b|\bi can not understand you\b|\bdo exactly what i say\b"
            # (not for a caller who cannot talk: "if you can't speak, answer yes or no")
            r"|(?<!talk, )(?<!talk, just )(?<!speak, )(?<!speak, just )\banswer (?:me )?(?:with )?(?:a )?(?:yes or no|yes-or-no)\b|\bbreathe in\b[^|]{0,30}?\bout\b"
            r"|\btry to stay calm\b|\bstop yelling so\b|\bi need you to help me help\b|\bi can not help (?:you|her|him|them|anyone) (?:if|unless|when|while) (?:you|we)\b"
            # "I need you to stop and listen", "talk to me slowly", "I need you to answer me"
            r"|\bi need you to (?:stop|pause|hold on)(?: for (?:a|one) (?:second|moment|sec|minute))?,? (?:and )?(?:listen|breathe|focus|hear me)\b"
            r"|(?:(?<=\btalk )|(?<=\bspeak )|(?<=\btalk to me )|(?<=\bspeak to me ))(?:slow|slower|slowly|more slowly)\b|\bi need you to (?:answer|talk to|look at|hear) me\b",
            0.85,
        ),
        # acknowledging to take control: "I hear you.", "I've got you.", "I understand you're angry", "Rosa, listen."
        (
            "any",
            r"\bi hear you(?=[.,!;]|$| and\b| but\b)|\bi (?:have )?got you(?=[.,!;]|$)"
            r"|\bi (?:understand|know|get|hear) (?:that )?you are (?:angry|upset|frustrated|mad|furious|annoyed|fed up)\b"
            r"|\bevery right to be\b|(?:^|[.!?,] )listen[.,!]|\b(?:short|quick|simple|yes or no|brief) answers?\b",
            0.85,
        ),
    ],
    "rude": [
        (
            "any",
            r"\bshut up\b|\bshut (?:your|ur) (?:mouth|trap)\b|\bshut it\b|\bwasting my time\b|\bidiots?\b|\bstupid\b|\bdumb\b"
            r"|\bmoron\b|\bdeaf\b|\buseless\b|\bpathetic\b|\bare you (?:slow|dense|thick|simple)\b",
            0.95,
        ),
        (
            "any",
            r"\bi do not care\b|\bnot my problem\b|\byour problem\b|\b(?:^|[.!?]\s*)whatever\b(?! (?:you do|happens))|\bwhat is wrong with you\b"
            r"|\bi do not have time for\b|\byou people\b|\bget it together\b|\bjust answer the (?:damn |stupid )?question\b"
            r"|\b(?:are|do|did) you even\b|\b(?:answer|understand|handle) a simple question\b|\bget a life\b|\b(?:do not have|have not got|have not) all (?:day|night)\b"
            r"|\b(?:you )?(?:called|dialed|dialled|rang) 911 (?:for|over) (?:this|that)\b"
            r"|\bis (?:this|that) seriously\b|\bis this really why you\b",
            0.9,
        ),
        # shouting at, dismissing or guilt-tripping the caller
        (
            "any",
            r"(?<!can you )(?<!could you )(?<!please )(?<!need you to )(?<!try to )\bspeak up\b(?! (?:a (?:little|bit)|for me))"
            r"|\btalk louder\b|\b(?:stop|quit) (?:mumbling|blubbering|whimpering|stuttering|babbling|rambling)\b"
            r"|\bblubber(?:ing)?\b|\bmumbling\b|\bdo you want (?:him|her|them|the \w+|your \w+) to die\b"
            r"|\bhow many times do i have to\b|\b(?:this|that) is why you called\b|^(?:oh )?(?:come on|seriously)[,.!?]"
            r"|\b(?:oh )?come on,? really\b",
            0.85,
        ),
        (
            "any",
            r"\b(?:quit|stop) (?:your )?(?:whining|crying|screaming|being)\b|\bdramatic\b|\bhysterical\b"
            r"|\bfor (?:god|christ|pete|heaven)'?s sake\b|\bugh\b|\bridiculous\b|\bare you (?:kidding|serious)\b"
            r"|\bcalm down already\b|\bwhat the hell\b|\bdamn\b|\bfor crying out loud\b|\bgrow up\b|\bspit it out\b",
            0.85,
        ),
        # "speak English", "I'm not going to ask you again", "can you not scream in my ear"
        (
            "any",
            r"(?<!you )(?<!he )(?<!she )(?<!they )(?<!anyone )(?<!anybody )(?<!someone )(?<!somebody )(?<!who )(?<!there )"
            r"\bspeak english\b(?! or\b)|\bnot going to (?:ask|say|repeat) (?:(?:you|this|that|it|myself) )?(?:again|twice)\b"
            r"|\bcan you not (?:scream|yell|shout|cry|whine)\b|\b(?:screaming|yelling|shouting) in my ear\b"
            r"|\bi (?:already |just )?asked you a (?:simple |easy |straight |direct |basic )?question\b",
            0.85,
        ),
        # dismissing the caller: "talk normal", "I can't do anything if you're yelling", "I've got other calls"
        (
            "any",
            r"\btalk normal(?:ly)?\b|\bi can not (?:do anything|do a thing)(?: for you)? (?:if|when|while|with) you\b"
            r"|\bnothing (?:else |more )?i can do\b|\bi (?:have |have got |got )?other calls\b|\btalk faster\b"
            r"|\bi heard you the first time\b|\b(?:you|you people|you kids|people like you) (?:never|always) (?:learn|do this)\b"
            r"|\bdo not (?:yell|scream|shout) at me\b|\bgive me something\b|\bhow (?:do|can|could) you not know\b"
            r"|\bjee+z\b|\bgeez\b|\bwhy (?:would|did|do) you even (?:call|bother|ring|dial|phone)\b|\bnot that (?:serious|big (?:of )?a deal)\b",
            0.85,
        ),
        # sarcasm said mildly: "nice one, genius", "lucky I checked, eh", "oh great, another one",
        # "for the third time, ...", "okay whatever", "was that so hard?"
        (
            "any",
            r"\b(?:genius|einstein|sherlock)(?= ?(?:[,.!?]|$))|\b(?:good thing|lucky|glad|just as well) (?:i|we) (?:asked|checked|bothered)\b"
            r"|\bwas that so hard\b|\btook you long enough\b"
            r"|\bthanks for nothing\b|\bnice going\b|(?<=\bfor the )(?:second time|third time|fourth time|fifth time|tenth time"
            r"|hundredth time|millionth time|last time)\b"
            r"|\banother one of (?:these|those|you)\b|^(?:oh great|oh wonderful|oh perfect|oh fantastic|oh lovely|oh terrific|oh, great"
            r"|oh, perfect|well great|well, great|well perfect|well, perfect)[,.!]"
            r"|(?:^|[.!?,] ?)(?:okay|fine|yeah|sure|right),? whatever\b(?! (?:you do|happens))",
            0.85,
        ),
        # refusing what the caller asks ("I can't help with that over the phone", "that's not something we do"),
        # and an exasperated demand ("oh my god, just give me the address already")
        (
            "any",
            r"(?:(?<=\bi can not )|(?<=\bi do not )|(?<=\bi will not )|(?<=\bi am not going to ))(?:help (?:you )?with (?:that|this)"
            r"|deal with (?:that|this)|do anything (?:about|for) (?:that|this))\b"
            r"|(?:(?<=\bis not my )|(?<=\bis not our ))(?:job|department|concern)\b"
            r"|\bnot something (?:i|we) (?:can )?(?:do|help with|handle)\b"
            r"|(?:(?<=\bi can not )|(?<=\bi do not )|(?<=\bi will not ))(?:help|do (?:anything|that|this))\b[^.?!|]{0,30}? over the phone\b"
            r"|^(?:oh my god|oh my gosh|omg|my god)\b(?=[^|]*\b(?:just|already)\b)"
            r"|\b(?:just )?(?:tell|give) me (?:the|your) \w+(?: \w+)? already\b",
            0.85,
        ),
    ],
}
