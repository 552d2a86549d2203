"""Dialogue-act patterns for the protocol acts the grade depends on.

T-CPR steps (recognise, position, hands, push, rate, keep going, AED), advice
to report changes, unsafe instructions, victim-blaming and threats to hang up.
Same format and normalisation as ``act_patterns`` (scope, regex, weight).

Labelling decisions worth knowing:
* Every step line is also CPR coaching: the umbrella ``instruct_cpr`` comes
  from ``act_patterns_instruct``; the step acts say *which* step was given. A
  line that only announces CPR ("we're going to do CPR") carries no step.
* Conditional advice about a future change ("if he stops breathing, I'll tell
  you how to do CPR", "if she passes out, call me back") is
  ``instruct_report_changes`` and never the instruction it mentions: CPR acts
  and ``recognize_arrest`` found only in such a sentence are dropped
  (see ``adjust``). A present-state condition ("if he's not breathing
  normally, we start CPR now") is not a future change and keeps its acts.
* A negated unsafe act ("don't go back inside", "do not try to take the
  knife") is safety advice, not ``unsafe_instruction``.
* ``victim_blaming`` and ``threaten_hangup`` are not also labelled ``rude``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..scenario.schema import CPR_COACHING
from .act_patterns import QUESTION_PATTERNS
from .act_patterns_keyq import FOR_SYMPTOM

QUESTION_HAZARDS = "|".join(rx for _, rx, _ in QUESTION_PATTERNS["ask_hazards"])

# What going somewhere to look is for when it is looking at the danger: looking or listening
# (not looking *for* a towel), who or what is there, whether someone is still there, or
# just "and check" / "and see" with nothing after it.
_WHO = r"(?:someone|somebody|anyone|anybody|he|she|they|the (?:man|guy|intruder|burglar|person|suspect|shooter))"
_LOOK_AT_DANGER = (
    r"(?:(?:look|peek|peer|listen|glance)\b(?! for (?:a|an|some|any|the|his|her|my|your) "
    r"(?!intruder|burglar|suspect|man|guy|person|shooter)\w+)(?! at (?:his|her|their) )"
    r"|(?:see|check|look|find out)(?= *(?:[.?!,;|]|$| around| what| who))"
    r"|(?:see|check|find out|tell me|look) (?:who|what (?:is|was|it is|that (?:noise|sound) is|is going on|is happening)"
    rf"|(?:if|whether) {_WHO} (?:is|are) (?:still )?(?:there|in there|in the \w+|inside|outside|gone|around"
    r"|downstairs|upstairs|here|coming|armed|hiding|out there)|what you (?:see|hear)))"
)
_HIM = r"(?:him|her|them|the (?:patient|man|woman|baby|child|kid|victim|guy|lady|person)|your (?:\w+))"
_HIS = r"(?:his|her|their|the|the \w+'?s?)"

# A symptom the caller may feel ("start feeling sleepy", "get dizzy", "feel sick").
_OWN_SYMPTOM = (
    r"(?:(?:start|begin)(?:ning)? (?:to feel |to get |feeling |getting |having )|(?:feel|get|become|are (?:getting|feeling)) (?:\w+ )?)"
    r"(?:dizzy|sleepy|drowsy|tired|confused|light-?headed|worse|sick|faint|weak|numb|nauseous|a headache|headachy|short of breath"
    r"|out of breath|chest pain|woozy|funny|strange|weird|clammy)"
)
PROTOCOL_PATTERNS: dict[str, list[tuple[str, str, float]]] = {
    "recognize_arrest": [
        (
            "any",
            r"\b(?:cardiac|heart) arrest\b|\b(?:his|her|their|the|(?:your|the) \w+'s) heart (?:has |may have |might have )?stopped\b"
            # "her heart is not beating", "his heart isn't pumping"
            r"|\b(?:his|her|their|the|(?:your|the) \w+'s) heart(?: is|'s| was)? not (?:beating|pumping|working)\b",
            0.95,
        ),
        (
            "any",
            r"\b(?:gasping|gasps|that sound|those sounds|that noise|those noises|snoring|gurgling|that breathing|the breathing)"
            r"(?: sounds?| noises?)? (?:is|are) not (?:(?:normal|real|effective|good)(?: breathing)?|(?:really )?breathing)\b|\bnot breathing normally,? (?:so|which means)\b"
            r"|\bagonal\b|\bthat is not (?:real |normal )?breathing\b|\b(?:only|just) gasping\b|\b(?:the|his|her) heart (?:is )?stopping\b",
            0.9,
        ),
        (
            "any",
            r"\b(?:we|you|i) (?:need|have|got|will need|must) to (?:start|begin|do) (?:cpr|compressions|chest compressions)"
            r"(?: (?:now|right now|right away|immediately))?\b|\b(?:he|she|they) (?:needs?|need) cpr\b"
            r"|\bcpr (?:now|right now|right away|immediately)\b|\b(?:start|begin) (?:cpr|compressions) (?:now|right now|right away|immediately)\b",
            0.9,
        ),
        ("any", r"\b(?:he|she|they) (?:is|are) not breathing,? (?:we|so|i)\b", 0.8),
    ],
    "instruct_cpr_position": [
        (
            "any",
            r"\bflat on (?:his|her|their|its|the \w+'?s?) back\b|\b(?:on|onto) (?:something (?:hard|firm|flat)|(?:a |the )?(?:hard|firm|flat)"
            r"(?:,? (?:hard|firm|flat))? (?:surface|floor|ground|spot))\b|\b(?:lying|lay|lie|laying) flat\b|\bflat on the (?:hard )?(?:floor|ground)\b"
            r"|\bface up\b|\b(?:get|lay|put|roll|turn|place|move) (?:\w+ ){0,5}(?:on|onto) (?:his|her|their) back\b"
            r"|\boff (?:the|that|his|her|their) (?:bed|couch|sofa|chair|recliner|mattress)\b"
            r"|\b(?:get|pull|move|lay|put|slide|roll|lower|ease|drag|bring) "
            + _HIM
            + r"(?: \w+){0,3} (?:on|onto|on to|to|down on|down onto|down to) the (?:floor|ground)\b",
            0.9,
        ),
    ],
    "instruct_cpr_hands": [
        # kneeling beside the patient's chest is how the hands step starts (T-CPR step 3), not the position step
        (
            "imp",
            r"\bkneel(?:ing)? (?:down )?(?:right )?(?:next to|beside|by|at) (?:him|her|them|his|her|their|the)\b"
            r"|\bget (?:down )?on your knees (?:next to|beside|by)\b",
            0.85,
        ),
        (
            "imp",
            r"\bheel of (?:your|the|one|his|her) hands?\b|\b(?:center|centre|middle) of (?:his|her|their|the|the \w+'?s?) chest\b"
            r"|\bbetween the nipples\b|\bnipple line\b|\bon the breastbone\b|\bbreast ?bone\b",
            0.9,
        ),
        (
            "imp",
            r"\bother hand on top\b|\bone (?:hand )?on top of the other\b|\bhands? (?:on|in) the (?:center|centre|middle)\b"
            r"|\binterlock (?:your )?fingers\b|\b(?:both|your|two) hands (?:on|in the middle of|in the center of) (?:his|her|their|the) chest\b"
            r"|\btwo fingers (?:on|in) (?:the|his|her|its) (?:chest|breastbone|center|middle)\b",
            0.9,
        ),
    ],
    "instruct_cpr_push": [
        (
            "imp",
            r"\bpush (?:down )?(?:really )?(?:hard|fast|deep|harder|faster|deeper|firmly)\b"
            r"|\bpush(?:ing)? (?:down )?(?:on|into) (?:his|her|their|the) (?:chest|breastbone)\b"
            r"|\b(?:start|begin) (?:pushing|pumping|pressing)\b|\bpush down\b|\bpress (?:down )?(?:hard|fast|firmly)\b"
            r"|(?:^|[,.!|] ?)push(?:,? push)+\b|\b(?:push|press|pump)(?:ing)? (?:down )?(?:on |into )?(?:his|her|their|the) chest\b"
            r"|\b(?:pump|press|push|go) (?:\w+ ){0,2}hard and fast\b",
            0.9,
        ),
        (
            "imp",
            r"\b(?:two|2|about two|about 2|at least two|at least 2) inch(?:es)?\b|\b(?:5|five) (?:cm|centimet(?:er|re)s)\b"
            r"|\b(?:an?|one and a half|1 ?1/2|1\.5) inch(?:es)? (?:deep|down)\b",
            0.9,
        ),
        (
            "imp",
            r"\b(?:let|allow) (?:the|his|her|their) chest (?:\w+ )?(?:come|comes|rise|recoil|go|spring)s? (?:all the way )?(?:back )?up\b"
            r"|\ball the way (?:back )?up (?:after|between|each)\b|\bfull recoil\b|\blet (?:it|the chest) come (?:all the way )?back up\b"
            r"|^(?:(?:okay|now|and|good)[, ]+)*hard and fast\b|\bbody weight\b|\block your elbows\b"
            r"|\barms straight\b",
            0.85,
        ),
    ],
    "instruct_cpr_rate": [
        (
            "imp",
            r"\b(?:100|120|110|hundred|one hundred|a hundred)(?: to (?:120|a hundred and twenty|one twenty|one hundred twenty))?"
            r" (?:times |pushes |compressions |beats )?(?:a|per|every|each) minute\b",
            0.9,
        ),
        (
            "any",
            r"\bcount (?:them |each one |each push )?(?:out loud|with me|aloud|as you (?:go|push)|for me)\b|\bkeep counting\b"
            r"|\b1,? 2,? 3,? 4\b"
            r"|\bone,? two,? three,? four\b|\bto the beat\b|\bstaying alive\b|\b(?:keep|match|follow) (?:my|the|this) "
            r"(?:pace|rhythm|count|beat)\b|\bpush (?:with|to) my (?:count|counting)\b",
            0.9,
        ),
        (
            "imp",
            r"\bfast as you can\b|\btwice a second\b|\babout two (?:pushes )?(?:a|per) second\b"
            r"|\b(?:a |one )?hundred(?: and)? (?:twenty|ten) (?:times |pushes )?(?:a|per) minute\b"
            r"|\b(?:go|push|pushing) (?:a (?:little|bit) )?faster\b|\bkeep (?:that|the|this|a steady) (?:rhythm|pace|beat)\b"
            r"|(?:^|[|] ?)faster\b",
            0.8,
        ),
    ],
    "instruct_cpr_continue": [
        (
            "any",
            r"\b(?:do not|never) stop\b[^.?!|]{0,40}?\b(?:until|till|unless)\b"
            r"|\bkeep (?:going|pushing|pumping|doing (?:it|that|compressions|cpr)|it up)\b(?! (?:to|with) (?:the|my)| back\b)"
            r"|\b(?:push|pushing|compressions|cpr|going)\b(?: \w+){0,4} until (?:help|the (?:paramedics|medics|ambulance|crew|responders"
            r"|firefighters|fire department|officers|emts)|they|someone|somebody|an? \w+) (?:arrives?|gets? there|gets? to you"
            r"|takes? over|tells? you(?: to stop)?|walks? in)\b",
            0.9,
        ),
        (
            "any",
            r"\bswitch (?:with|off|places|rescuers|every)\b|\btake turns\b|\b(?:someone|somebody|anyone)(?: else)? (?:there )?(?:who )?"
            r"(?:can|to) take over\b|\btake over (?:the |for )?(?:compressions|pushing|cpr)\b"
            r"|\b(?:have|let|get) (?:\w+ ){1,3}take over\b|\b(?:swap|trade off|switch off)\b"
            r"|\bwhen (?:you|your arms) (?:get|are|feel) (?:too )?tired\b",
            0.85,
        ),
    ],
    "instruct_aed": [
        ("any", r"\baeds?\b|\bdefibrillators?\b|\bdefib\b|\bshock (?:box|machine)\b", 0.95),
    ],
    "instruct_report_changes": [
        (
            "any",
            r"\bif (?:anything|something|that|it|things|his|her|their|the \w+)(?: \w+)? (?:changes|gets worse|changes at all)\b"
            r"|\bkeep (?:an|a close) eye on (?:him|her|them|his|her|the)\b|\bwatch (?:him|her|them|his|her) (?:\w+ )?(?:closely|carefully)\b"
            r"|\b(?:tell|let) (?:me|us) (?:know )?(?:right away |immediately |at once )?(?:if|when) (?:anything|something|things) changes\b",
            0.9,
        ),
        (
            "any",
            # ("go see if the hall is clear and tell me" asks whether, it sets no condition)
            r"(?<!see )(?<!check )(?<!find out )(?<!ask )(?<!look )\bif (?:it|he|she|they|the \w+|his \w+|her \w+)\b[^.?!|]{0,50}?"
            r"\b(?:tell|let) (?:me|us)\b"
            r"(?! (?:how|what|where|who|which|when|his|her|your|the)\b)",
            0.85,
        ),
        (
            "any",
            r"\bif (?:you (?:see|hear|smell|notice)|(?:they|he|she|someone|anyone|anybody) (?:try|tries|starts?|comes?)|it (?:starts?|gets?)"
            r"|(?:he|she|the \w+) gets?)\b[^.?!|]{0,40}?\b(?:tell|let|call|yell|shout)\b",
            0.85,
        ),
        # the caller's own symptoms: "if you start to feel dizzy, tell me", "let me know if you get sleepy"
        (
            "any",
            r"\b(?:if you|when you|once you|as soon as you|should you) "
            + _OWN_SYMPTOM
            + r"\b[^.?!|]{0,50}?\b(?:tell|let|call|yell|shout) (?:me|us|back)\b"
            r"|\b(?:tell|let) (?:me|us) (?:know )?(?:right away |immediately |straight away )?(?:if you|when you|as soon as you) "
            + _OWN_SYMPTOM
            + r"\b",
            0.85,
        ),
    ],
    "unsafe_instruction": [
        # sending the caller to look for / at an intruder or a suspect
        (
            "any",
            r"\bgo (?:back )?(?:down ?stairs|up ?stairs|outside|out|over|in|inside|into \w+|to (?:the|his|her) \w+)"
            rf" (?:and |to )?(?:take a )?{_LOOK_AT_DANGER}"
            r"|\b(?:go|come) (?:and )?(?:see|check|look) (?:who|what|if|whether)\b"
            r"|\bgo (?:and )?(?:look|peek|listen)\b(?! (?:out )?for\b| at (?:his|her|their) )"
            r"|\bcheck (?:on |out )?(?:who is|what is|if (?:someone|anyone|somebody|they|he|she) is) "
            r"(?:there|in|down|out|inside)\b"
            r"|\bgo (?:and )?(?:check|look|see|take a look)(?: around)? (?:down ?stairs|up ?stairs|outside|around the house"
            r"|(?:in )?the (?:garage|basement|kitchen|backyard|yard|hallway|noise|back door|front door))\b"
            r"|\btake a (?:quick )?look (?:down ?stairs|outside|around the house|in the (?:garage|basement|hallway))\b",
            0.9,
        ),
        # going to look, peek or listen where the danger is, or going near it
        (
            "any",
            r"\b(?:peek|peer|sneak a (?:look|peek)|take a (?:quick |little )?peek|have a (?:quick |little )?peek)\b"
            r"|\b(?:go|walk|head|sneak|creep|step|move|get|come|tiptoe)(?: back| over| out| up| down| quietly| slowly)?"
            r" (?:to|toward|towards|near|into|up to|down to|closer to|over to|by|out to|next to)"
            r" (?:the |that |your |a )?(?:top of the |bottom of the |edge of the |head of the |foot of the )?"
            r"(?:front |back |side |kitchen |garage |basement |bedroom )?"
            r"(?:stairs|staircase|stairwell|steps|hall|hallway|landing|door|doorway|window|basement|garage|kitchen"
            r"|living room|den|attic|backyard|yard|porch|corner|railing|banister|noise|sound|fire|flames|smoke|shed"
            r"|gate|room (?:he|she|they) (?:is|are) in)\b(?: \w+){0,4}? (?:and|to|so you can) (?:quietly |quickly |just )?"
            rf"{_LOOK_AT_DANGER}"
            r"|\b(?:look|glance) (?:down|over|around|up) (?:the |over the |into the )?(?:stairs|staircase|stairwell|railing"
            r"|banister|hall|hallway|corner)\b"
            r"|\b(?:look|see|check) (?:at )?(?:who|what) is (?:in|down|out|up) (?:there|the \w+)\b",
            0.9,
        ),
        # approaching or confronting an armed or violent person, taking a weapon
        (
            "any",
            r"\b(?:take|grab|get|pull|wrestle|yank) (?:the|his|her|their|that) (?:knife|gun|weapon|pistol|rifle|bat|hammer)"
            r" (?:away |off |out of )?(?:from |off |of )?(?:him|her|them|his|her)\b"
            r"|\b(?:go|run|going|head|drive) (?:out )?after (?:him|her|them|the (?:man|guy|suspect|shooter|intruder|burglar|attacker"
            r"|person|car|truck|van))\b"
            r"|\b(?:follow|chase|tail) (?:the|that|their|his|her) (?:car|truck|van|vehicle|suv)\b"
            r"|\b(?:confront|approach|tackle|restrain|chase|follow|stop|disarm|fight) (?:him|her|them|the (?:man|guy|suspect"
            r"|shooter|intruder|burglar|attacker|person))\b|\btalk (?:him|her) (?:down|out of it) (?:in person|face to face)\b"
            r"|\bgo (?:out|outside|over|down|downstairs) (?:there )?and (?:talk|speak|reason|deal|argue) (?:to|with) (?:him|her|them|the \w+)\b",
            0.9,
        ),
        # going into / staying near a fire, re-entering to rescue
        (
            "any",
            r"\b(?:go|run|get) back (?:in|inside|into (?:the|your) (?:house|building|fire|smoke|apartment|home))\b"
            r"(?! (?:your|the|a|my|her|his|their) (?:\w+ )?(?:room|bedroom|bathroom|closet|office|car)\b)"
            r"|\btry (?:and |to )?(?:get|pull|bring|carry|drag|rescue) (?:him|her|them|the \w+|your \w+) out\b"
            r"|\b(?:pull|drag|lift|haul) (?:him|her|them|the \w+) (?:out|through)\b(?! of (?:the|his|her|their) way)"
            r"|\bgo (?:back )?in (?:for|to get|after) (?:him|her|them|the \w+)\b"
            r"|\b(?:can|could) you (?:go )?(?:get|reach|grab|pull) (?:him|her|them|the \w+) (?:out|through)\b"
            r"|\bgo (?:back )?(?:in|inside|into the \w+|up|upstairs) (?:and|to) (?:get|grab|find|help) (?:him|her|them|the \w+)\b"
            r"|\b(?:put out|fight|grab a (?:hose|bucket) for) the fire\b|\bopen (?:the|that) (?:hot )?door\b(?= to (?:see|check|look)|.*\bfire\b)",
            0.85,
        ),
        # moving a patient who should stay still (suspected spinal injury, trapped, fallen)
        (
            "any",
            r"\b(?:sit|stand|get|pull|lift|help) (?:him|her|them) (?:up (?:and|to|so)(?!(?: (?:he|she|they) can)? breathe)"
            r"(?! (?:lean|prop|rest|loosen|let (?:him|her|them) breathe))"
            r"|(?:up )?(?:to|on) (?:his|her|their) feet)\b"
            r"|\b(?:pull|get|drag|lift|take|move) (?:him|her|them|the (?:guy|man|woman|driver|patient|person|lady|victim)) out of"
            r" (?:the|his|her|their) (?:car|vehicle|truck|wreck|seat)\b"
            r"|\bwalk (?:him|her|them) around\b"
            r"|\bhelp (?:him|her|them) (?:get up|stand up|sit up(?![^.?!|]*\b(?:breath|however|comfortabl))|walk)\b",
            0.85,
        ),
        # going to the person who is the danger: "knock on his door", "go over and tell him to stop"
        (
            "any",
            r"\b(?:go over|go next door|go outside|walk over|walk next door|head over|head next door)(?: there)? (?:and|to) (?:knock on|talk to|ask|tell|reason with"
            r"|confront|calm) (?:him|them|the (?:neighbou?r|guy|man|woman|people))\b"
            r"|\bknock on (?:his|their|the neighbou?r'?s?|the neighbou?rs'?) door\b",
            0.85,
        ),
    ],
    "victim_blaming": [
        (
            "any",
            r"\bwhy (?:did you not|did not you|would not you|did you even|would you (?:ever )?(?:go|stay|let|marry|date|drink|walk|leave|open|take))"
            r"\b|\bwhy (?:did|do|would) you (?:just )?(?:stay|go back|let him|let her|provoke|marry|date|open the door|leave (?:the|your) door)\b"
            r"|\bwhat (?:did|do|would|else did) you expect\b|\byou should(?: not)? have (?:known|left|called|locked|listened|stayed|been|thought|gone)\b"
            r"|\b(?:it is|that is|this is) (?:all )?(?:your|her|his) (?:own )?fault\b|\byou brought (?:this|it) on\b"
            r"|\byou asked for (?:it|this)\b|\bwhat were you (?:thinking|doing (?:there|out))\b|\bserves? (?:you|him|her) right\b"
            r"|\bwhat did you (?:do|say)(?: to (?:him|her|them))? to (?:make|set|provoke|upset|anger) (?:him|her|them)\b"
            r"|\bwhat (?:do|did) you think (?:is going to|was going to|will|would) happen\b"
            r"|\byou (?:keep|always) (?:calling|going back|taking (?:him|her|them) back|letting (?:him|her|them))\b|\bwhy (?:were|are) you (?:still )?with (?:him|her)\b"
            r"|\bwhy (?:were|was) (?:you|she|he) (?:out|walking|alone|there|drinking|even)\b"
            r"|\b(?:did|could|would) you (?:have )?(?:do|done|say|said) (?:something|anything) to (?:make|upset|provoke|set off|anger|annoy)\b"
            r"|\b(?:he|she|they) did (?:this|it|that) to (?:himself|herself|themselves)\b"
            r"|\bwhy would (?:he|she|they|you) (?:take|use|do|shoot|snort|smoke|drink|mix) (?:that|this|drugs|something|so)\b"
            r"|\bwhat did (?:he|she|they) expect\b|\b(?:his|her|their) own (?:fault|doing)\b"
            r"|\b(?:you|she|he|they) knew what (?:you|she|he|they) (?:was|were) getting into\b"
            r"|\byou (?:provoked|antagonized|baited) (?:him|her|them)\b|\byou (?:egged|set|wound) (?:him|her|them) (?:on|off|up)\b"
            r"|\byou started (?:it|this|that)\b"
            r"|\b(?:this|that|it) is what (?:you get|she gets|he gets|they get|happens) for\b"
            # "if you hadn't parked there this wouldn't have happened", "none of this would happen if you'd left"
            r"|\bif (?:you|she|he|they) (?:had not|had never|would not have|had just|had only|had|would have|did not)\b[^.?!|]{0,60}?"
            r"\b(?:this|that|it|none of this|none of that) (?:would not|would never|wouldnt|might not|would) (?:have )?happen"
            r"|\b(?:this|that|it|none of this) (?:would not|would never|might not) (?:have )?happen(?:ed)? if (?:you|she|he|they)\b",
            0.9,
        ),
        (
            "any",
            r"\bwhy (?:do|does|did) (?:you|she|he|they) (?:keep|always|still) (?:going back|taking (?:him|her|them) back"
            r"|letting (?:him|her|them)|seeing (?:him|her|them)|calling (?:him|her|them))\b",
            0.9,
        ),
        # judging or accusing the caller: calling them a liar, the law, lectures about drugs
        (
            "any",
            r"\b(?:do not|stop|quit) (?:you )?(?:lie|lying|lie to me|bullshitting|playing games with) ?(?:me|to me)?\b"
            r"|\byou (?:are|were) (?:lying|a liar|not being honest)\b|\b(?:i know|i can tell) you are (?:lying|not telling)\b"
            r"|\byou know (?:that|this|it|what you did|what he did)(?: (?:stuff|shit|crap|thing|drug|drugs))?(?:'?s| is| was| are) (?:illegal|against the law|a crime|wrong|stupid)\b"
            # "you're a grown man", "why did you wait so long to call?"
            r"|\b(?:you are a grown|you are grown) (?:man|woman|adult|adults|up|ups)\b|\bwhy (?:did|would|do) (?:you|she|he|they) (?:wait so long|wait this long|wait that long|wait until|wait till|wait all day"
            r"|wait all night|wait hours)\b"
            r"|\b(?:that|this|it) is (?:illegal|against the law|a crime),? you know\b"
            r"|\bwhy (?:did|do|would|on earth would|in the world would) you (?:ever |even |keep |still )?(?:let|allow|letting)\b"
            r"|\b(?:this|that) is what happens when (?:you|people|he|she|they|kids)\b"
            r"|\b(?:you|he|she|they|people|your \w+) (?:should not|should never|need to stop|have to stop|must stop|ought not to)"
            r" (?:be )?(?:do|doing|using|taking|take|use|messing with|mess with|smoking|shooting up|drinking)"
            r" (?:drugs|that stuff|that (?:crap|junk|garbage|poison)|heroin|meth|pills|dope|coke|cocaine|fentanyl|so much)\b"
            r"|\bdrugs (?:are|is) (?:bad|dangerous|stupid|illegal|poison|no good|bad news|for losers)\b"
            r"|\b(?:junkies|addicts|druggies) (?:like (?:him|her|them|you)|always|never)\b",
            0.9,
        ),
    ],
    "threaten_hangup": [
        (
            "any",
            r"\b(?:i|we) (?:am|are|will|will just|am just|are just)? ?(?:going to |about to )?(?:have to )?(?:hang up|hanging up|disconnect(?:ing)?|end(?:ing)? (?:this|the) call"
            r"|terminat(?:e|ing) (?:this|the) call)\b(?! (?:now|soon)? ?(?:when|after|once) (?:help|they|the \w+) (?:arrive|get))"
            r"|\b(?:or|otherwise|else) (?:i|we) (?:will|am going to|are going to) (?:hang up|disconnect|end (?:this|the) call)\b"
            r"|\bi will let you go\b(?= if| unless)|\bhanging up on you\b|\bhang up on you\b"
            r"|\bdo you want me to (?:just )?(?:hang up|disconnect|end (?:this|the) call)\b"
            r"|(?:(?<=\bi am not )|(?<=\bwe are not )|(?<=\bi will not )|(?<=\bwe will not ))(?:going to )?"
            r"(?:stay|staying|keep talking|keep talking to you) on (?:the (?:line|phone|call) )?(?:with you )?"
            r"(?:if|unless|while|when)\b",
            0.9,
        ),
    ],
}

# A future change in the patient's state ("if he stops breathing", "if she passes out").
_CHANGE = (
    r"\b(?:if|should|in case) (?:he|she|they|it|the \w+|your \w+|his \w+|her \w+|anything|something|things|that)\b"
    r"(?: \w+){0,2} (?:stops?|starts?|gets? worse|changes?|pass(?:es)? out|go(?:es)? (?:unconscious|limp|blue|out)|wakes? up"
    r"|vomits?|throws? up|turns? (?:blue|grey|gray|pale)|collapses?|becomes? (?:unconscious|unresponsive)|quits?"
    r"|loses? consciousness|seizes?|has (?:another|a) seizure|can not breathe|can not talk|falls? asleep|comes? back"
    r"|gets? (?:up|back|home|there|in|out))\b"
)
_CHANGE_RX = re.compile(_CHANGE)
_WATCH_BREATHING = re.compile(
    r"\b(?:watch|keep (?:an|a close) eye on|monitor|keep (?:checking|watching|listening to))\b[^.?!|]*\bbreath(?!ing\s*\?)"
)
_CPR_WORD = re.compile(r"\b(?:cpr|compressions?)\b")
_RESCUE_BREATHS = re.compile(r"\b(?:rescue )?breaths?\b(?! (?:normally|okay|ok))")
_ARREST_SAID = re.compile(
    PROTOCOL_PATTERNS["recognize_arrest"][0][1]
    + "|"
    + PROTOCOL_PATTERNS["recognize_arrest"][1][1]
    + "|"
    + PROTOCOL_PATTERNS["recognize_arrest"][3][1]
    + r"|\bnot breathing\b"
)
_ALLERGIC_TO_MEDICINE = re.compile(r"\ballerg(?:ic|y|ies) to [^.?!]*\b(?:medicines?|medications?|meds|drugs)\b")
_HAZARD_Q = re.compile(QUESTION_HAZARDS)
_SAFE_WORDS = re.compile(r"\b(?:safe|safely|danger|away from|distance from|stay near|far from)\b")
_OUT_OF_VEHICLE = re.compile(r"\bout of (?:the|his|her|their) (?:car|vehicle|truck|wreck|seat)\b")
_TOLD = re.compile(
    r"\bleave (?:the|your) (?:phone|line) (?:on|open)\b|\b(?:tell|let) (?:me|us)\b|\bcall (?:me|us|911|nine one one)\b|\bcall (?:back|again)\b|\b(?:yell|shout|scream)\b"
    r"|\b(?:i|we) (?:will|am going to|are going to|can)\b"
)
_DOING = ("instruct_", "unsafe_instruction")
_IF_JOINED = re.compile(r"(?:,| and|, and) (?=if\b)")
_SENTENCE = re.compile(r"[^.?!;]+[.?!;]*")
# Acts that conditional advice must not be credited (or penalised) as.
CONDITIONAL_DROPS = ("recognize_arrest", *CPR_COACHING, "instruct_aed")
CPR_FAMILY = CPR_COACHING
# A step line is CPR coaching too (the umbrella act); "keep going" alone is not.
UMBRELLA_STEPS = ("instruct_cpr_position", "instruct_cpr_hands", "instruct_cpr_push", "instruct_cpr_rate")
# Announcing that the call-taker will coach CPR ("I'm going to help you do CPR", "I'll coach you",
# "let's get going on CPR", "we're gonna do CPR together"): CPR coaching even beside recognising the arrest.
_COACHING = re.compile(
    r"\b(?:help|walk|talk|coach|guide|take) you(?: through| thru)?\b[^.?!|]{0,25}?\b(?:cpr|compressions)\b"
    r"|\b(?:tell|show) you how\b|\b(?:i will|i am going to) (?:coach|walk|talk|guide) you\b|\bcpr together\b"
    r"|\blet us (?:\w+ ){0,3}(?:cpr|compressions)\b"
    # "we're starting CPR", "we are going to do CPR now": the call-taker starts the coaching
    r"|\b(?:we are|we will|i am|i will) (?:going to )?(?:start|starting|do|doing|begin|beginning) (?:cpr|compressions)\b"
)
# What was taken now (ask_drugs) against the medicines taken every day (ask_medications).
_DRUG_WORDS = re.compile(
    r"\b(?:drugs?|alcohol|drinking|drinks?|drunk|high|heroin|fentanyl|opioids?|overdosed?|od|needles?"
    r"|substances?|cocaine|crack|meth|weed|marijuana|poison|too (?:many|much))\b"
)
_TAKEN_NOW = re.compile(
    r"\b(?:did|has|have) (?:\w+ ){1,2}(?:take|taken|swallow|swallowed|eat|eaten|get into)\b|\btook\b"
)
_FOR_SYMPTOM = re.compile(FOR_SYMPTOM)
_HABIT = re.compile(
    r"\b(?:every ?day|daily|normally|usually|regularly|prescribed|supposed to|(?:his|her|their) "
    r"(?:meds|medications?|medicines?|pills|insulin|inhaler))\b"
)
_BLEEDING = re.compile(
    r"\b(?:wound|towel|cloth|rag|gauze|bandage|bleeding|blood|cut|tourniquet|nose|hole|gash|soaks?)\b"
    r"|\bpress(?:ing)? (?:\w+ ){0,2}on it\b"  # "press hard on it": the wound just spoken of
)
# The tone acts that replace a generic "rude" (docs/LABELS.md).
TONE_OVER_RUDE = ("victim_blaming", "threaten_hangup")


_UNSAFE_RX = [re.compile(rx) for _, rx, _ in PROTOCOL_PATTERNS["unsafe_instruction"]]
# "do not ...", "never ...", "don't argue or try to ..." before the act within the same clause negates it.
_NEGATED = re.compile(r"\b(?:not|never|no one should|nobody should)\b")
_CLAUSE_START = re.compile(r".*[,.;!?|]")
_SUGGESTION = re.compile(r"\bwhy (?:do|did|would|will) not (?:you|we)\b")  # "why don't you go..." urges, not negates
_STATEMENT_ARREST = re.compile(PROTOCOL_PATTERNS["recognize_arrest"][1][1])
# Words that calm a distressed caller, not just ask them to follow the coaching.
_CALMING = re.compile(
    r"\bcalm\b|\b(?:take|deep) (?:a )?(?:deep |slow )?breaths?\b|\bbreathe (?:slowly|with me)\b|\bstop (?:screaming|yelling|crying)\b"
    r"|\b(?:ma'am|sir|miss),? (?:(?:ma'am|sir|miss)|listen)\b|\bfocus\b|\bi need you to listen\b|\bwith me\b(?! (?:one|1|and count))"
)
# The move is someone else's, asked or told about ("did he go back in?", "is she trying to get
# him out?"): nobody is sent anywhere.
_SOMEONE_ELSE = re.compile(
    r"\b(?:(?:did|does|has|had|will|would|is|was|are|were) (?:he|she|they|it|the \w+|[a-z]+)|(?:he|she|they) (?:just )?"
    r"(?:is|was|are|were|will|might|may|could))(?: (?:just|still|ever|already|trying to|going to|try to))? $"
)
# A warning: "if you go back in, that smoke will knock you out", "if you try to take the knife
# he could turn on you". The condition names the danger to keep away from; it sends nobody.
_WARNING = re.compile(
    r"\b(?:if|should) you (?!(?:can|could|are able|have time|get the chance|want|need|feel|see|hear|find)\b)"
)


# Going to the door or window to watch for the ambulance or let the police in is not going
# to look at the danger: the first two unsafe patterns (looking) skip a sentence about responders.
_LOOKING = 2
_RESPONDERS = re.compile(
    r"\b(?:ambulances?|paramedics?|medics?|emts?|police|officers?|deputies|deputy|cops?"
    r"|firefighters?|fire (?:truck|engine|department|crew)|crews?|units?|responders?|help)\b"
)


def _unsafe_said(norm: str, warned: list[bool] | None = None) -> bool:
    """An unsafe act said and not negated ("don't go back inside" is safety advice).
    ``warned`` records whether a move into danger was forbidden ("don't pull her out")."""
    for i, rx in enumerate(_UNSAFE_RX):
        for m in rx.finditer(norm):
            before = _SUGGESTION.sub("", _CLAUSE_START.sub("", norm[: m.start()]))
            if _NEGATED.search(before) or _SOMEONE_ELSE.search(before) or _WARNING.search(before):
                if warned is not None and i >= _LOOKING and _NEGATED.search(before):
                    warned.append(True)  # a move into danger forbidden; not looking, nor someone else's move
                continue
            if i < _LOOKING:
                start = max(norm.rfind(c, 0, m.start()) for c in ".?!;")
                end = min([j for j in (norm.find(c, m.end()) for c in ".?!;") if j >= 0], default=len(norm))
                if _RESPONDERS.search(norm[start + 1 : end]):
                    continue
            return True
    return False


def _without(norm: str, rx: re.Pattern, parts: re.Pattern = _SENTENCE) -> str:
    return " ".join(s.group() for s in parts.finditer(norm) if not rx.search(s.group())).strip()


_PART = re.compile(r"[^.?!;,]+[.?!;,]*")
_TONE = frozenset({"victim_blaming", "threaten_hangup", "rude", "calm_control", "reassure"})
_ASKING = ("ask_", "verify_")
_FRAMES = {
    "victim_blaming": re.compile("|".join(rx for _, rx, _ in PROTOCOL_PATTERNS["victim_blaming"])),
    "threaten_hangup": re.compile("|".join(rx for _, rx, _ in PROTOCOL_PATTERNS["threaten_hangup"])),
    "unsafe_instruction": re.compile(
        "|".join(rx for _, rx, _ in PROTOCOL_PATTERNS["unsafe_instruction"][: _LOOKING + 1])
    ),
}
# Someone else there to help: the question finds a helper for the job the line gives.
_HELPER = re.compile(
    r"\b(?:anyone|anybody|someone|somebody)(?: else)? (?:there|around|with you|nearby|home)\s*[?,.](?!.*\bhow many\b)"
)
_HELPER_JOBS = ("instruct_aed", "instruct_cpr_continue", "instruct_prepare_arrival")
# Someone named by what they carry ("the guy with the hammer"): a description, not a question about weapons.
_DESCRIBED_BY_WEAPON = re.compile(
    r"\b(?:the|that) (?:\w+ )?(?:man|guy|woman|person|suspect|kid|one|lady|boy|girl|neighbou?r|dude) with (?:the|a|that) \w+"
)
_INGESTED = re.compile(
    r"\b(?:swallow(?:ed)?|drink|drank|drunk|ate|eat|eaten|ingest(?:ed)?|get into|got into|inject(?:ed)?|snort(?:ed)?"
    r"|(?:smoke|smoked) (?:it|that|them|those|some|any))\b"
)


# "was he cut or shot, what did they use?": what was used on someone is a weapon, not a drug.
_USED_ON_SOMEONE = re.compile(r"\bwhat did (?:he|she|they|the \w+) use\b")
_VIOLENCE = re.compile(r"\b(?:cut|shot|stabbed|hit|beat|beaten|attacked|assaulted|jumped|weapons?)\b")


def adjust(norm: str, found: dict[str, float], classify: Callable[[str], dict[str, float]]) -> dict[str, float]:
    """Protocol corrections applied after the rules: conditional advice is not the act it
    mentions, a negated unsafe act is not unsafe, tone acts replace a generic rude, a
    victim-blaming "why didn't you..." is not an information question."""
    if _CHANGE_RX.search(norm):
        if any(a in found for a in CONDITIONAL_DROPS):
            rest = _without(_IF_JOINED.sub(". ", norm), _CHANGE_RX)
            kept = classify(rest) if rest else {}
            for act in CONDITIONAL_DROPS:
                if act in found and act not in kept:
                    del found[act]
        # an instruction for when it happens keeps its act and watches for nothing, unless it asks to be told
        if _TOLD.search(norm) or not any(a.startswith(_DOING) for a in found if a != "instruct_report_changes"):
            found["instruct_report_changes"] = max(found.get("instruct_report_changes", 0.0), 0.9)
        found.pop("other", None)
        if "ask_breathing" in found and _WATCH_BREATHING.search(norm):
            del found["ask_breathing"]  # "watch his breathing and if it changes, tell me" keeps watch
    if "ask_drugs" in found and "ask_weapons" in found and "use" in norm and _VIOLENCE.search(norm):
        if _USED_ON_SOMEONE.search(norm) and "ask_drugs" not in classify(_USED_ON_SOMEONE.sub("", norm)):
            del found["ask_drugs"]
    if "unsafe_instruction" in found:
        warned: list[bool] = []
        if _unsafe_said(norm, warned):
            found.pop("instruct_safety", None)
        else:
            confidence = found.pop("unsafe_instruction")
            if warned and not any(a != "other" for a in found):
                # "don't pull her out of the car": the danger forbidden is safety advice (docs/LABELS.md)
                found["instruct_safety"] = confidence
    if "calm_control" in found and any(a in found for a in CPR_FAMILY) and not _CALMING.search(norm):
        del found["calm_control"]  # "let's start CPR, listen carefully": the coaching asks for attention
    if "rude" in found and any(a in found for a in TONE_OVER_RUDE):
        del found["rude"]
    if any(a in found for a in (*TONE_OVER_RUDE, "rude")):
        found.pop("calm_control", None)
        found.pop("reassure", None)
    if _BLEEDING.search(norm) and "chest" not in norm:  # pressing on a wound is not CPR
        for act in CPR_FAMILY:
            found.pop(act, None)
    elif "instruct_cpr_push" in found:  # pressing on a chest is not bleeding control
        found.pop("instruct_bleeding", None)
    if "unsafe_instruction" in found and _OUT_OF_VEHICLE.search(norm):  # pulling a driver out is not CPR positioning
        for act in CPR_FAMILY:
            found.pop(act, None)
    if "instruct_airway" in found and "instruct_cpr_position" in found:  # flat and the head tilted: airway care
        found.pop("instruct_cpr_position", None)
        if not any(a in found for a in UMBRELLA_STEPS) and not _CPR_WORD.search(norm):
            found.pop("instruct_cpr", None)
    if "instruct_airway" in found and "ask_breathing" in found and _RESCUE_BREATHS.search(norm) and "?" not in norm:
        found.pop("ask_breathing", None)  # "watch her chest rise" while giving breaths
    if "recognize_arrest" in found and _COACHING.search(norm) and not _ARREST_SAID.search(norm):
        found.pop("recognize_arrest", None)  # "I'll walk you through CPR right now" coaches
    if "ask_allergies" in found and _ALLERGIC_TO_MEDICINE.search(norm):
        found.pop("ask_medications", None)  # "allergic to aspirin or any medicine?"
    if "ask_caller_safety" in found and "ask_hazards" in found:
        hazard_parts = [s.group() for s in _SENTENCE.finditer(norm) if _HAZARD_Q.search(s.group())]
        if hazard_parts and all(_SAFE_WORDS.search(p) for p in hazard_parts):
            del found["ask_hazards"]  # "are you a safe distance from the fire?"
    if "recognize_arrest" in found and not any(a in found for a in UMBRELLA_STEPS) and not _COACHING.search(norm):
        found.pop("instruct_cpr", None)  # "we need to start CPR" recognises; steps coach
    if "instruct_cpr_continue" in found and not any(a in found for a in UMBRELLA_STEPS) and not _COACHING.search(norm):
        found.pop("instruct_cpr", None)  # keeping going stands alone (docs/LABELS.md)
    if any(a in found for a in UMBRELLA_STEPS):
        found["instruct_cpr"] = max(found.get("instruct_cpr", 0.0), 0.9)
    # A question inside a blaming remark, a threat or a send-to-look is part of it ("I'll hang up if you
    # don't give me the address", "peek down the hall and tell me what you see"); one in a part of
    # its own stands ("what did you expect, what did she take?").
    # Blame and threats take every act of their own part ("if you leave your back door unlocked, what
    # do you think is going to happen" sends nobody to the door); a send-to-look takes the questions.
    for act, rx in _FRAMES.items():
        framed = [
            a for a in found if a != act and (a.startswith(_ASKING) or (act != "unsafe_instruction" and a not in _TONE))
        ]
        if act in found and framed:
            rest = _without(norm, rx, _PART)
            kept = classify(rest) if rest else {}
            for other in [a for a in framed if a not in kept]:
                del found[other]
    if "ask_people_count" in found and any(a in found for a in _HELPER_JOBS) and _HELPER.search(norm):
        del found["ask_people_count"]  # "anyone else there? send them for the AED" looks for a helper, not a count
    if "ask_weapons" in found and _DESCRIBED_BY_WEAPON.search(norm):
        rest = _DESCRIBED_BY_WEAPON.sub(" the person", norm)
        if "ask_weapons" not in classify(rest):
            del found["ask_weapons"]  # "where's the guy with the bat now?" asks where, not about the bat
    if "ask_hazards" in found and "ask_drugs" in found and _INGESTED.search(norm):
        del found["ask_hazards"]  # "did she swallow anything, bleach, cleaning stuff?" asks what was taken
    if "ask_medications" in found:
        said = _FOR_SYMPTOM.sub(" ", norm)  # "taken anything for the pain" is a medicine, not what was taken
        if len(parts := [p for p in re.split(r"\?\s*", said) if p.strip()]) > 1:
            said = next((p for p in parts if "ask_medications" in classify(p)), said)  # the clause that asks it
        if _TAKEN_NOW.search(said) and not _HABIT.search(said):  # "did she take any medicine?"
            found["ask_drugs"] = max(found.get("ask_drugs", 0.0), found.pop("ask_medications"))
        elif (
            "ask_drugs" in found
            and not _DRUG_WORDS.search(norm)
            and (len(parts) < 2 or not any("ask_drugs" in classify(p) for p in parts))
        ):
            del found["ask_drugs"]  # "does he take any blood thinners?"
    if "ask_breathing" in found and "?" not in norm and _STATEMENT_ARREST.search(norm):
        del found["ask_breathing"]
    return found
