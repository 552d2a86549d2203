"""Dialogue-act patterns for the protocol's key questions and pre-arrival advice.

Same format and normalisation as ``act_patterns`` (scope, regex, weight).

Labelling decisions worth knowing:
* Where a suspect went ("which way did he go?", "did he leave on foot?") is
  ask_suspect_direction, not ask_suspect (who / what they look like) nor
  ask_vehicle (what they drive); "which direction were *you* heading on the
  highway?" stays ask_address.
* Where someone is inside a known building ("which room is she in?", "what
  floor are you on?", "where in the house is he?") is ask_location_inside;
  the apartment / unit number is part of the address (ask_address).
* Past illnesses and conditions ("any heart history?", "is she diabetic?",
  "has this happened before?") are ask_medical_history; the medicines the
  patient takes ("is he on blood thinners?", "does she use an inhaler?") are
  ask_medications; what was taken now (drugs, alcohol, an overdose) stays
  ask_drugs.
* Pre-arrival preparation (unlock the door, porch light, pets away, someone to
  meet the crew, room to work, gather the medicines) is
  instruct_prepare_arrival, not instruct_safety.
"""

from __future__ import annotations

# A medicine taken for the complaint ("has he taken anything for the pain?"): a medication
# question, not a question about what was taken.
FOR_SYMPTOM = r"\b(?:take|taken|took|had|given) (?:anything|something) for (?:the |his |her |their |a |that )?(?:pain|headache|fever|it)\b"

_WHO = r"(?:he|she|they|it|the (?:\w+ )?(?:guy|man|woman|person|suspect|car|vehicle|truck|van|driver|kid|kids|boy|girl|shooter|intruders?|burglars?|attackers?))"
_WENT = (
    r"(?:go|went|going|gone|head|heading|headed|run|ran|running|drive|drove|driving|take off|took off|taking off|turn|turned"
    r"|leave|left|leaving|walk|walked|walking|flee|fled)"
)
_ROOMS = (
    r"(?:room|bedroom|bathroom|kitchen|basement|garage|attic|closet|hallway|living room|floor|level|wing"
    r"|part of the (?:house|home|building|apartment))"
)
_INSIDE = r"(?:house|home|building|apartment|place|store|office|school|unit)"
_CONDITIONS = (
    r"(?:diabet(?:ic|es)|epilep(?:tic|sy)|asthma(?:tic)?|copd|emphysema|heart (?:problems?|condition|disease|history"
    r"|trouble|issues?)|cardiac history|high blood pressure|hypertension|cancer|dementia|alzheimer'?s|kidney|stroke"
    r"|strokes|seizure disorder|medical (?:problems?|conditions?|history|issues?)|health (?:problems?|conditions?|issues?)"
    r"|history of (?!(?:drug|alcohol|substance|violence|domestic|abuse))\w+|mental health|diagnos(?:is|ed|es)"
    r"|schizophreni\w*|bipolar|depress(?:ed|ion)|psychiatric|ptsd|see a doctor for)"
)

KEYQ_PATTERNS: dict[str, list[tuple[str, str, float]]] = {
    "ask_suspect_direction": [
        (
            "q",
            r"\b(?:which|what) (?:way|direction) (?:did|were|was|are|is|r|would) " + _WHO + r"\b"
            r"|\b(?:which|what) (?:way|direction) " + _WHO + r" " + _WENT + r"\b",
            0.9,
        ),
        (
            "q",
            r"\bwhere (?:did|does|is|are|was|were|would) "
            + _WHO
            + r" (?:\w+ )?"
            + _WENT
            + r"\b(?! (?:to school|to work|here))"
            r"|\bwhere (?:did|is|are) " + _WHO + r" (?:run|go|head|went|ran|headed|heading)(?: off)?(?: to)?\b",
            0.85,
        ),
        ("q", r"\b(?:see|know|notice|tell me) (?:where|which way) " + _WHO + r" (?:\w+ ){0,2}" + _WENT + r"\b", 0.85),
        ("q", r"\b(?:on foot|walking or driving|run or drive|ran or drove)\b", 0.8),
        ("q", r"\b(?:still )?(?:heading|headed|going|driving|running) (?:north|south|east|west|toward|towards)\b", 0.8),
        # is the suspect still there, where is he now
        (
            "q",
            r"\b(?:is|are) (?:he|she|they|the (?:\w+ )?(?:guy|man|woman|person|suspect|people|intruders?|burglars?|attackers?"
            r"|shooter|driver|one)(?: who (?:did|hurt|attacked|hit|stabbed|shot|threatened) (?:this|it|that|you|him|her|them)"
            r"| with the \w+)?"
            # a suspect called by name: "is Rick still out front?"
            r"|(?!(?:you|it|that|this|there|everyone|everybody|anyone|anybody|someone|somebody|she|the (?:patient|baby|child|kid)"
            r"|your|his|her)\b)[a-z]+) still (?:standing |sitting |waiting |hanging around |parked |hiding |out )?(?:right )?"
            r"(?:there|here|inside|in there|out there|in the|on scene|around"
            r"|in the area|on the property|at the|outside|out front|nearby|by the|in the (?:house|building|area)"
            # "is Dale still out on his porch?"
            r"|on (?:the|his|her|their|your|my) (?:porch|lawn|driveway|steps|street|sidewalk|deck|balcony|front step|stoop))\b"
            r"|\bwhere (?:is|are) "
            + _WHO
            + r"(?: with (?:the|a) \w+)? (?:right )?now\b|\bwhere (?:is|are) (?:he|she|they)\s*\?",
            0.85,
        ),
        (
            "q",
            r"\b(?:drive|drove|ran|run|walk|walked|took) off (?:toward|towards|down|into)\b"
            # (the verb before the subject is looked behind at, so that the rule's gate is the going, not "did")
            r"|(?:(?<=\bdid )|(?<=\bhas ))(?<!ago did )(?<!when did )(?<!time did )"
            r"(?:he|she|they|the (?:other )?(?:driver|guy|man|woman|car|suspect|person|shooter)) (?:just )?"
            r"(?:take off|flee|run off|drive off|get away|took off|drive away|run away|ran away"
            r"|(?:leave|left)(?= in (?:a|the|his|her|their) \w+| on foot| the (?:scene|area|house|building|property)))\b",
            0.8,
        ),
    ],
    "ask_location_inside": [
        # a room read back: "so you're upstairs in the back bedroom?"
        (
            "q",
            r"^(?:(?:so|and|okay|ok|alright),? )*(?:you are|he is|she is|they are|you are all) (?:still )?(?:up ?stairs|down ?stairs"
            r"|in the (?:\w+ )?(?:bedroom|basement|kitchen|bathroom|garage|attic|living room|closet|hallway|den|office|laundry room))\b",
            0.85,
        ),
        ("q", r"\b(?:which|what) " + _ROOMS + r"\b(?! (?:number|of town))", 0.9),
        (
            "q",
            r"\bwhere(?:abouts)? (?:exactly )?in the "
            + _INSIDE
            + r"\b|\bwhere (?:exactly )?(?:is|are) (?:he|she|they|you|the \w+) in the "
            + _INSIDE
            + r"\b|\b(?:in|inside) the "
            + _INSIDE
            + r",? where\b",
            0.9,
        ),
        (
            "q",
            r"\bon (?:a|the) (?:bed|couch|sofa|floor|chair) or (?:on )?(?:a|the) (?:bed|couch|sofa|floor|chair)\b",
            0.85,
        ),
        (
            "q",
            r"\bupstairs or downstairs\b|\bdownstairs or upstairs\b|\b(?:is|are) (?:he|she|they|you) (?:upstairs|downstairs)\b",
            0.85,
        ),
        ("q", r"\bwhat (?:part|side) of the (?:house|home|building|apartment)\b|\bwhat floor\b", 0.9),
        # "where inside is he?", "where's he lying?", "where's her bedroom?": a place in the building
        (
            "q",
            r"\bwhere(?:abouts)? inside\b"
            r"|(?:(?<=\bwhere is )|(?<=\bwhere are ))(?:he|she|they|the patient|your \w+) (?:laying|lying|sitting|hiding|slumped)\b"
            r"|(?:(?<=\bwhere is )|(?<=\bwhere are ))(?:his|her|their|your|the) (?:\w+ )?(?:bedroom|bathroom|kitchen|room|basement|garage"
            r"|attic|closet|hallway)\b(?! number)",
            0.85,
        ),
        # "is she in the kitchen or the bedroom?": one room or another
        (
            "q",
            r"(?:(?<=\bin the )|(?<=\bon the ))(?:kitchen|bedroom|bathroom|living room|basement|garage|attic|hallway|den|dining room|office"
            r"|front room|back room|upstairs|downstairs|laundry room|family room|nursery)s? or (?:in |on )?(?:the |a )?"
            r"(?:kitchen|bedroom|bathroom|living room|basement|garage|attic|hallway|den|dining room|office|front room|back room"
            r"|laundry room|family room|nursery|yard|backyard|upstairs|downstairs)\b",
            0.85,
        ),
    ],
    "ask_medical_history": [
        ("q", r"\b" + _CONDITIONS + r"\b", 0.85),
        (
            "q",
            r"\b(?:happened|had this|had one of these|done this|felt like this|had (?:a )?(?:seizure|stroke|heart attack)s?) "
            r"(?:\w+ )?before\b|\bever had\b|\bany history\b(?! of (?:drug|alcohol|substance))|\bpast history\b|\bheart history\b",
            0.85,
        ),
        (
            "q",
            r"\b(?:is|was) (?:he|she|they|the \w+) (?:a )?(?:diabetic|epileptic|asthmatic)\b|\bsick lately\b"
            r"|\bany (?:illness|illnesses|conditions)\b|\bpregnant\b"
            r"|\b(?:does|do|did) (?:he|she|they|the \w+|your \w+|\w+) (?:normally |usually |ever |often |already )?"
            r"(?:have|get) (?:seizures|fits|asthma attacks|panic attacks|migraines|blackouts|heart problems)\b",
            0.85,
        ),
        ("any", r"\b(?:any )?(?:med|medical) (?:history|hx|problems|issues|conditions)\b", 0.85),
    ],
    "ask_medications": [
        # what the patient takes day to day: "what does she take?", "is he supposed to be on something?"
        (
            "q",
            r"(?:(?<=\bwhat does )|(?<=\bwhat do ))(?:he|she|they|you|your \w+|his \w+|her \w+|the patient) (?:normally |usually |regularly |already )?take\b(?! (?:to|for (?:fun|kicks)|when)\b)"
            r"|\bsupposed to (?:be (?:on|taking)|take) (?:something|anything|any|his|her|their|a|medicine|meds|pills)\b",
            0.85,
        ),
        (
            "q",
            r"(?<!allergic to )(?<!allergic to any )(?<!allergies to )(?<!allergy to )(?<!allergy to any )"
            r"\b(?:medications?|medicines?|meds|prescriptions?|pills? (?:does|do|did) (?:he|she|they))\b"
            r"(?! (?:for (?:the|an|his|her) )?(?:overdose|od))",
            0.85,
        ),
        (
            "q",
            r"\b(?:on|take|takes|taking|took|use|uses|using) (?:any |his |her |their )?(?:blood thinners?|insulin|an? inhaler|inhalers?|warfarin|eliquis"
            r"|coumadin|xarelto|nitro(?:glycerin)?|(?:blood pressure|heart|pain|sleeping|water|diabetes|thyroid|cholesterol|seizure)"
            r" (?:pills|medicines?|meds|medications?))\b|\bblood thinners?\b",
            0.9,
        ),
        # a medicine taken for the complaint: "has he taken anything for the pain?"
        ("q", FOR_SYMPTOM, 0.85),
        ("q", r"\b(?:have|has|carry|carries|got) (?:an? |his |her |their )?(?:inhaler|epi-?pen|insulin|nitro)\b", 0.85),
        (
            "q",
            r"\b(?:take|takes|taking|on) (?:anything|something) (?:for|every ?day|daily|regularly|routinely|normally|usually)\b"
            r"|(?<=\bwhat )(?:pills|medicines?|meds|medications?|prescriptions?) (?:is|are|was) (?:he|she|they|(?:your|his|her|the) \w+) on\b",
            0.85,
        ),
    ],
    "ask_allergies": [
        ("q", r"\ballerg(?:ic|y|ies)\b", 0.9),
    ],
    "instruct_aed": [
        (
            "any",
            r"\baed\b|\bdefibrillator\b|\bdefib\b|\bstand clear\b|\b(?:the )?pads? on (?:his|her|their|the) (?:bare )?chest\b",
            0.9,
        ),
    ],
    "instruct_aspirin": [
        ("imp", r"\baspirins?\b", 0.85),
        (
            "q",
            r"\b(?:chew|give|take|have) (?:\w+ ){0,3}aspirins?\b(?! allerg)|\baspirin (?:to chew|in the house)\b",
            0.85,
        ),
    ],
    "instruct_prepare_arrival": [
        (
            "imp",
            r"\bunlock (?:it|(?:the|your) (?:\w+ )?(?:doors?|gate|entrance))\b|\b(?:leave|keep) (?:the|your) (?:\w+ )?door unlocked\b"
            r"|\bporch lights?\b|\b(?:turn|switch|leave|put|flick|flip|get) (?:on )?(?:the|your|a|an) (?:outside|front|outdoor|porch) lights?"
            r"|(?<!not )(?<!never )\bopen (?:up )?the front door\b"
            r"|\b(?:turn|switch) (?:the |your )?(?:outside|front|outdoor|porch) lights? on\b",
            0.85,
        ),
        (
            "imp",
            r"\b(?:put|lock|shut|secure|keep) (?:\w+ ){0,2}(?:pets?|dogs?|animals?|cats?)\b(?! (?:is|are|was|bit))"
            r"|\b(?:pets?|dogs?|animals?|cats?) (?:away|up|locked|put away|in (?:a|another|the) \w+)\b",
            0.85,
        ),
        (
            "imp",
            r"\b(?:send|have|get) (?:someone|somebody|a neighbou?r|one of \w+|your \w+) (?:\w+ ){0,3}(?:meet|flag|wave|lobby"
            r"|front door|out front|outside|at the door)\b|\bmeet (?:the|them) (?:\w+ )?(?:at|outside|out)\b"
            r"|\bflag (?:them|the \w+) down\b|\b(?:door|gate) (?:is |stays )?(?:open|unlocked) for (?:the|them)\b",
            0.85,
        ),
        # "anybody there who can let the medics in?"
        (
            "q",
            r"\b(?:anyone|anybody|someone|somebody)(?: else)?(?: there)? (?:who|that) (?:can|could) (?:go )?(?:open|unlock|meet"
            r"|flag|wave|let)\b",
            0.85,
        ),
        (
            "imp",
            r"\b(?:gather|collect|get|grab|have) (?:\w+ ){0,2}(?:medications?|medicines?|meds|pill bottles?|pills) "
            r"(?:ready|together|so|for the|to give)\b|\b(?:room|space) (?:for them )?to work\b"
            # "put all his meds in a bag for the crew", "set her pill bottles by the door for the medics"
            r"|\b(?:put|set|bag|leave|bring|have) (?:\w+ ){0,2}(?:medications?|medicines?|meds|pill bottles?|pills|prescriptions?)\b"
            r"[^|]{0,30}?\b(?:for the crew|for crew|for the medics|for the paramedics|for paramedics|for the ambulance|for the emt"
            r"|for the responders|for the firefighters|for them)\b"
            r"|\bopen the (?:gate|garage|front door) for\b|\bclear a path\b",
            0.85,
        ),
        ("q", r"^(?:can|could|would|will) you (?:go )?(?:unlock|open) (?:the|your)\b", 0.85),
        (
            "q",
            r"(?:^|\| )(?:(?:okay|and|so|now)[ ,]+)*(?:can|could|would|will) (?:someone|somebody|anyone|anybody|one of (?:you|them|the \w+)"
            r"|a neighbou?r) (?:\w+ ){0,6}(?:meet|flag(?: down)?|wave(?: down)?|let in|show) (?=them\b|the (?:\w+ )?(?:medics"
            r"|paramedics|ambulance|crew|officers?|police|firefighters|responders|emts|truck|engine|cops|deputies)\b)",
            0.85,
        ),
        # "wave them down", "the lights on out front", "move the car out of the driveway for the ambulance"
        (
            "imp",
            r"\bhands (?:empty|visible|where (?:they|the \w+) can see)\b|\btell them which (?:window|door|room|floor|apartment)\b",
            0.85,
        ),
        (
            "imp",
            r"\bwave (?:them|the \w+) (?:down|in|over)\b|\blights? on (?:out front|outside)\b"
            r"|\b(?:ready|out of the (?:way|driveway)|clear) for (?:the )?(?:medics|paramedics|crews?|ambulance|emts?"
            r"|firefighters|fire department|officers)\b",
            0.85,
        ),
    ],
}
