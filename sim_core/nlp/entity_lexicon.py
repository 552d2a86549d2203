"""Word lists behind the lexical entity labels (matched by a spaCy PhraseMatcher).

Every list here is matched on lower-cased tokens by a PhraseMatcher. First-name
hits are kept only when capitalised; a lower-case name counts only right after
a relationship word ("my son tyler", speech-to-text style).
"""
from __future__ import annotations


def _terms(block: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in block.replace("\n", "|").split("|") if t.strip())



# --- PERSON -------------------------------------------------------------------
# Common US first names. Names that are also ordinary English words live in
# AMBIGUOUS_NAMES: they are tagged only in a naming context ("my wife Grace").
FIRST_NAMES: frozenset[str] = frozenset("""
James John Robert Michael David William Richard Joseph Thomas Charles Christopher
Daniel Matthew Anthony Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George
Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen
Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Patrick Raymond Dennis
Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Noah Ethan Jeremy
Walter Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence
Jordan Jesse Bryan Billy Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne
Randy Vincent Mason Roy Ralph Bobby Russell Bradley Philip Eugene Louis Harry Howard
Luis Carlos Miguel Marcus Antonio Manuel Jorge Pedro Ricardo Luke Liam Lucas Oliver
Owen Caleb Isaac Connor Hunter Cameron Evan Ian Jake Chris Mike Dave Steve Tom Tony
Nick Matt Dan Danny Jimmy Johnny Tommy Eddie Frank Fred Ted Ben Sam Alex Andy Greg
Jeff Jon Josh Kenny Leo Marco Mario Oscar Omar Ahmed Mohammed Ali Hector Rafael Diego
Victor Raul Javier Sergio Fernando Andre Darnell Tyrone Jamal DeShawn Malik Terrell
Curtis Leonard Marvin Glenn Travis Shawn Troy Derek Dustin Chad Brett Cody Colton
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy
Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa
Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda
Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet
Catherine Maria Heather Diane Julie Joyce Victoria Kelly Christina Lauren Joan Evelyn
Olivia Judith Megan Cheryl Martha Andrea Frances Hannah Jacqueline Ann Gloria Jean
Kathryn Alice Teresa Sara Janice Doris Madison Julia Judy Abigail Marie Denise Beverly
Danielle Marilyn Amber Theresa Sophia Diana Brittany Natalie Isabella Charlotte Kayla
Alexis Lori Tiffany Tina Wendy Vanessa Veronica Yolanda Rosa Carmen Ana Lucia Sofia
Camila Valeria Gabriela Daniela Mia Ava Chloe Ella Lily Zoe Grace Sophie Ella Harper
Aria Riley Layla Nora Leah Kylie Jasmine Destiny Brianna Aaliyah Keisha Latoya Tamika
Ebony Shanice Monique Kendra Tanya Paula Rita Ruth Edna Irene Lillian Louise Ethel
Marjorie Peggy Connie Wanda Debbie Becky Cindy Jenny Katie Kathy Sue Liz Beth Meg
Kim Jill Gina Erin Holly Kristen Courtney Lindsay Allison Morgan Taylor Kaitlyn Paige
Priya Aisha Fatima Mei Yuki Hana Linh Trang Aiden Jackson Carter Wyatt Grayson Levi
Mateo Sebastian Jayden Lincoln Miles Easton Declan Silas Maya Aubrey Addison Avery
Ellie Stella Hazel Violet Aurora Savannah Brooklyn Bella Claire Skylar Lucy Paisley
Everly Caroline Nova Genesis Emilia Kennedy Maya Naomi Elena Patel Tyrell Marisol
""".split())

AMBIGUOUS_NAMES: frozenset[str] = frozenset("""
Will May June April Mark Bill Rose Grace Hope Joy Faith Art Sandy Dawn Summer Ruby
Jack Chase Hunter Drew Pat Rob Lane Jan Pearl Ray Gene Miles Page Sky Autumn Crystal
Angel Destiny Max Lincoln Jackson Austin Carter Taylor Morgan Kennedy Genesis Nova
Brooklyn Savannah Paisley Avery Riley Harper Violet Hazel Aurora Stella Easton Levi
Patel Sue Meg Kim Joe Frank Sam Ali Amber Charlotte Aubrey Skylar Claire Ann
""".split())

# Names safe to tag on their own (capitalised, no context needed).
UNAMBIGUOUS_NAMES: frozenset[str] = FIRST_NAMES - AMBIGUOUS_NAMES
NAME_LOOKUP: frozenset[str] = frozenset(n.lower() for n in FIRST_NAMES | AMBIGUOUS_NAMES)

# --- lexical labels -----------------------------------------------------------
# "|"-separated, lower-case phrases; overlap resolution keeps the longest match.
WEAPON_TERMS = _terms("""
gun|guns|handgun|handguns|pistol|pistols|revolver|rifle|rifles|shotgun|shotguns|firearm
firearms|ar-15|ak-47|assault rifle|hunting rifle|glock|uzi|knife|knives|kitchen knife
butcher knife|pocket knife|pocketknife|steak knife|switchblade|machete|box cutter|boxcutter
razor|razor blade|sword|baseball bat|bat|metal bat|golf club|hammer|crowbar|tire iron
screwdriver|broken bottle|axe|hatchet|taser|stun gun|pepper spray|brass knuckles
ice pick|meat cleaver|cleaver|shank
frying pan|cast iron pan|brick|bricks|broken bottle|broken bottles
""")

INJURY_TERMS = _terms("""
bleeding|stab wound|stab wounds|gunshot wound|gunshot wounds|bullet wound|puncture wound
head wound|head injury|head injuries|wound|wounds|laceration|lacerations|gash|deep cut
cuts|bruise|bruises|bruising|bruised|black eye|burn|burns|burned|second degree burns
third degree burns|concussion|fracture|fractures|fractured|sprained ankle|sprained wrist
dislocated shoulder|dislocated|road rash|amputation|abrasion|abrasions|welts|bite marks
dog bite|stabbed|swollen shut|puncture wounds|bite wound|bite wounds|burn marks|rope burn|degloved
turning blue|blue lips|lips are blue|swelling|swollen|cyanotic
bloody nose|nosebleed|nose bleed|goose egg|blisters|blistering|blistered|scalded|scald|scalds|bite marks|bitten
scrapes|scratches|skinned knee|skinned knees|bone sticking out|bone is sticking out|compound fracture|broken bones
broken bone|knocked out teeth|teeth knocked out|skin tear|pistol-whipped|pistol whipped
whiplash|amputated|severed|puncture|punctured
""")

MEDICAL_TERMS = _terms("""
chest pain|chest pains|chest pressure|short of breath|shortness of breath|not breathing
isn't breathing|stopped breathing|barely breathing|can't breathe
cannot breathe|can not breathe|trouble breathing|difficulty breathing|hard time breathing
struggling to breathe|not responding|unconscious|unresponsive|not responsive|seizure
seizures|seizing|convulsing|convulsions|epileptic|stroke|overdose|overdosed|overdosing
od'd|diabetic|hypoglycemic|low blood sugar|high blood sugar|agonal|agonal breathing
gasping|sweating|sweaty|clammy|pale|heart attack|cardiac arrest|chest tightness
palpitations|choking|vomiting|throwing up|nauseous|nausea|dizzy|dizziness|lightheaded
confused|disoriented|slurring|slurred speech|drooping|facial droop|numbness|numb
paralyzed|weakness|fainted|fainting|passed out|blacked out
allergic|allergic reaction|anaphylaxis|anaphylactic
hives|asthma|asthma attack|wheezing|pregnant|labor|contractions|miscarriage
hallucinating|shaking|coughing|coughing up blood|fever|high fever|headache|headaches|suicidal
hypothermia|hypothermic|heat stroke|heatstroke|dehydrated
not making sense|isn't making sense|doesn't make sense|not making any sense|talking gibberish
not waking up|won't wake up|wont wake up|can't wake him|can't wake her|can't wake him up|can't wake her up
foaming at the mouth|puking|migraine|can't catch his breath|can't catch her breath|can't catch my breath
hyperventilating|breathing funny|breathing weird|breathing really fast|lethargic|out of it|not alert
delirious|heart racing|racing heart|chest hurts|stomach pain|abdominal pain|belly pain
keeled over|barely conscious|semi conscious|semi-conscious|in and out of consciousness
losing consciousness|lost consciousness|numb on one side|weak on one side|can't feel his legs
can't feel her legs|face is numb|droopy|drooling|blurry vision|seizing up|spasms
paranoid|agitated|combative|delusional|psychotic|manic|hearing voices|seeing things
rash|gurgling|shaky|knocked out|limp|osteoporosis|turning gray|turning grey|talking funny|hallucinating|seeing things
""") + _terms("""
diabetes|type 1 diabetes|type 2 diabetes|type one diabetes|type two diabetes|high blood pressure|low blood pressure
hypertension|heart disease|heart condition|heart problems|heart problem|heart trouble|heart failure
congestive heart failure|chf|afib|a-fib|atrial fibrillation|irregular heartbeat|angina|copd|emphysema|epilepsy
seizure disorder|dementia|alzheimer's|alzheimers|parkinson's|parkinsons|cancer|kidney disease|kidney failure
dialysis|liver disease|cirrhosis|high cholesterol|sleep apnea|bipolar|schizophrenia|schizophrenic|ptsd|depression
hiv|hepatitis|pneumonia|bronchitis|covid|sickle cell|hemophilia|anemia|blood clots|blood clot|dvt
pulmonary embolism|aneurysm|hypothyroidism|thyroid problems|lupus|multiple sclerosis|cerebral palsy|down syndrome
heart attacks|strokes|bad heart|weak heart
vomiting blood|throwing up blood|puking blood
""")

# Vehicles: optional colour, then a make/model or a vehicle type (token patterns).
VEHICLE_HEADS = _terms("""
car|cars|sedan|coupe|suv|suvs|truck|trucks|pickup|pickups|pickup truck|van|vans|minivan
motorcycle|motorcycles|motorbike|dirt bike|scooter|moped|bus|school bus|city bus|semi
semi truck|tractor trailer|tractor-trailer|18-wheeler|big rig|box truck|dump truck
tow truck|fire truck|jeep|taxi|cab|limo|limousine|rv|camper|hatchback|convertible
station wagon|crossover|wagon|minibus|golf cart|atv|four-wheeler|dirt bikes|snowmobile|tractor|forklift
tanker|tanker truck|delivery truck|delivery van|garbage truck|cement truck|cement mixer|flatbed|flatbed truck
fuel truck|moving truck|ice cream truck|food truck|utility truck|work truck|work van|panel van|cargo van
box van|u-haul|uhaul|two-door|four-door|2-door|4-door|e-bike|electric scooter
train
""")
VEHICLE_MAKES = _terms("""
honda|toyota|ford|chevy|chevrolet|nissan|tesla|bmw|dodge|jeep|hyundai|kia|subaru
mercedes|volkswagen|vw|audi|lexus|mazda|buick|cadillac|gmc|chrysler|acura|infiniti
volvo|mitsubishi|pontiac|harley|porsche|jaguar|land rover|range rover|fiat|saturn|oldsmobile|plymouth
hummer|peterbilt|kenworth|freightliner|yamaha|kawasaki|ducati|suzuki|rivian|scion|isuzu|genesis|lincoln|mercury
""")
VEHICLE_MODELS = _terms("""
civic|accord|cr-v|camry|corolla|prius|rav4|tacoma|tundra|highlander|f-150|f150|mustang
explorer|escape|focus|fusion|silverado|malibu|impala|tahoe|altima|sentra|rogue|maxima
charger|challenger|durango|wrangler|cherokee|elantra|sonata|optima|forester|outback
jetta|passat|sierra|ranger|colorado|equinox|traverse|suburban|yukon|odyssey|pilot|sienna|4runner|sequoia
pathfinder|frontier|titan|murano|versa|grand cherokee|compass|caravan|grand caravan|pacifica|beetle|tucson
santa fe|sorento|sportage|crosstrek|impreza|cx-5|f-250|f-350|expedition|bronco|transit|econoline|corvette
camaro|cruze|avalon|model 3|model s|model y|model x|cybertruck|ram 1500
""")
# Model names that are also ordinary words ("fire escape", "phone charger"): a vehicle only
# right after a make or a colour ("ford escape", "red charger").
AMBIGUOUS_MODELS: frozenset[str] = frozenset(
    "escape focus explorer charger challenger fusion accord rogue outback cherokee maxima optima sierra ranger colorado"
    " traverse suburban yukon pilot frontier titan compass caravan beetle expedition bronco transit"
    " genesis lincoln mercury".split())
COLORS = _terms("""
red|blue|black|white|silver|gray|grey|green|yellow|orange|brown|tan|gold|maroon|beige
purple|burgundy|dark|light|navy|dark blue|dark green|light blue|pink|teal|cream|champagne|charcoal|bronze
copper|turquoise|dark red|dark gray|dark grey|light gray|light grey
""")

HAZARD_TERMS = _terms("""
fire|fires|flames|smoke|fuel leak|gas leak|gas smell|leaking fuel|leaking gas|gasoline
propane|propane tank|natural gas|carbon monoxide|downed power lines|downed power line
power lines down|power line down|power lines are down|power line is down|downed lines
live wire|live wires|chemical spill|hazardous materials|hazmat|explosion|explosions
flood|flooding|rising water|black ice|dog|dogs|pit bull|pitbull|aggressive dog
gas leaking|gas is leaking|fuel leaking|fuel is leaking
loose dog
sparks|sparking|sparking wires|fumes|toxic fumes|gas fumes|exhaust fumes|chemical fumes|chemical smell|chemicals
broken glass|oil leak|leaking oil|ice|icy|icy road|icy roads|icy steps|wildfire
oxygen tank|oxygen tanks|ammonia|chlorine|fireworks|explosives
downed wires|downed wire|wires down|wire down|power line|power lines|electrical wires|oncoming traffic
collapsed roof|roof collapsed|ceiling collapsed|floodwater|flood water|debris|gas can|gas cans
rattlesnake|snake|transformer blew|transformer exploded
gunshots|gunfire|shots fired|downed line
""")

DRUG_TERMS = _terms("""
heroin|fentanyl|pills|pill|oxycodone|oxy|oxycontin|percocet|percocets|vicodin
hydrocodone|morphine|methadone|opioids|opiates|xanax|valium|klonopin|ativan|benzos
adderall|meth|methamphetamine|crystal meth|cocaine|crack|crack cocaine|marijuana|weed
edibles|lsd|molly|ecstasy|mdma|ketamine|pcp|k2|alcohol|liquor|vodka|whiskey|tequila
booze|drunk|intoxicated|wasted|insulin|narcan|naloxone|aspirin|nitroglycerin|tylenol
ibuprofen|advil|acetaminophen|antidepressants|sleeping pills|painkillers|pain pills
pain medication|blood pressure medication|blood pressure medicine|heart medication
keppra|dilantin|epipen|epinephrine|lithium|prozac|zoloft|ambien
beer|beers|wine|coke|percs|benadryl|nyquil|suboxone
gabapentin|opioid|sleeping pill|tylenol pm|advil pm|motrin|aleve|seroquel|trazodone|melatonin
blood thinner|blood thinners|xylazine|tranq|carfentanil|kratom|bath salts|ghb|dope
bleach|antifreeze|rat poison|poison|drain cleaner|pesticide|weed killer|lighter fluid
spiriva
""") + _terms("""
metformin|glucophage|glipizide|glyburide|januvia|jardiance|ozempic|semaglutide|trulicity|mounjaro|lantus|humalog
novolog|levemir|lisinopril|zestril|prinivil|losartan|cozaar|valsartan|diovan|amlodipine|norvasc|hydrochlorothiazide
furosemide|lasix|spironolactone|metoprolol|lopressor|toprol|atenolol|carvedilol|coreg|propranolol|diltiazem
clonidine|hydralazine|digoxin|amiodarone|entresto|isosorbide|nitro|nitrostat|atorvastatin|lipitor|simvastatin
zocor|rosuvastatin|crestor|pravastatin|warfarin|coumadin|jantoven|apixaban|eliquis|rivaroxaban|xarelto|dabigatran
pradaxa|clopidogrel|plavix|brilinta|heparin|enoxaparin|lovenox|levothyroxine|synthroid|prednisone|prednisolone
methylprednisolone|medrol|dexamethasone|albuterol|ventolin|proair|symbicort|advair|montelukast|singulair
omeprazole|prilosec|pantoprazole|protonix|esomeprazole|nexium|famotidine|pepcid|pregabalin|lyrica|neurontin
tramadol|codeine|hydromorphone|dilaudid|oxymorphone|buprenorphine|sertraline|fluoxetine|citalopram|celexa
escitalopram|lexapro|paroxetine|paxil|bupropion|wellbutrin|venlafaxine|effexor|duloxetine|cymbalta|mirtazapine
amitriptyline|quetiapine|olanzapine|zyprexa|risperidone|risperdal|aripiprazole|abilify|haloperidol|haldol
lamotrigine|lamictal|levetiracetam|phenytoin|carbamazepine|tegretol|valproate|depakote|topiramate|topamax
clonazepam|lorazepam|alprazolam|diazepam|zolpidem|penicillin|amoxicillin|augmentin|azithromycin|zithromax
z-pack|cephalexin|keflex|ciprofloxacin|cipro|doxycycline|bactrim|sulfa|allopurinol|tamsulosin|flomax|donepezil
aricept|memantine|ritalin|methylphenidate|vyvanse|concerta|sumatriptan|imitrex|ondansetron|zofran|promethazine
phenergan|cyclobenzaprine|flexeril|baclofen|meloxicam|naproxen|celecoxib|celebrex|diphenhydramine|sildenafil
viagra|cialis|methotrexate|hydroxychloroquine|potassium chloride
""") + tuple(f"{kind} {form}" for kind in (
    "blood pressure", "heart", "pain", "sleeping", "sleep", "anxiety", "seizure", "diabetes", "thyroid", "allergy",
    "diet", "water", "nerve", "psych", "depression", "cholesterol", "prescription")
    for form in ("pills", "pill", "meds", "medication", "medications", "medicine", "tablets"))

TIME_TERMS = _terms("""
just now|last night|yesterday|this morning|this afternoon|this evening|earlier today
last week|last evening|noon|midnight
monday|tuesday|wednesday|thursday|friday|saturday|sunday|last monday|last tuesday|last wednesday
last thursday|last friday|last saturday|last sunday|the other day|this weekend|last weekend
""")
