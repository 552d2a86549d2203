"""What to say instead: one model phrasing per trainee act, for the debrief.

`{address}` is filled with the scenario's address."""

SUGGEST = {
    "ask_address": 'Open with the location: "911, what is the address of your emergency?"',
    "verify_address": 'Read the address back: "That\'s {address}, is that correct?"',
    "ask_callback": 'Get a callback number: "What number are you calling from?"',
    "verify_callback": 'Read the number back to confirm it.',
    "ask_what_happened": 'Ask for the chief complaint: "Okay, tell me exactly what happened."',
    "ask_age": 'Ask the patient\'s age: "How old is he?"',
    "ask_conscious": 'Ask: "Is he awake? Is he able to talk to you?"',
    "ask_breathing": 'Ask: "Is he breathing normally?" (unsure or gasping counts as not breathing).',
    "ask_injuries": 'Ask: "Is anyone hurt? Where are the injuries?"',
    "ask_weapons": 'Ask: "Are there any weapons involved?"',
    "ask_suspect": 'Ask: "Can you describe the person? Where are they now?"',
    "ask_vehicle": 'Ask for the vehicles: "What kind of vehicles are involved?"',
    "ask_hazards": 'Ask about hazards: "Is there any fire, smoke or leaking fuel?"',
    "ask_people_count": 'Ask: "How many people are there / is anyone still inside?"',
    "ask_caller_safety": 'Ask: "Are you safe right now? Can he hear you?"',
    "ask_name": 'Ask the caller\'s name.',
    "ask_time": 'Ask: "When did this happen?"',
    "ask_drugs": 'Ask: "Has he taken any drugs, medication or alcohol?"',
    "instruct_cpr": ('Coach compressions at once: "Put the heel of your hand in the center of his chest '
                     'and push hard and fast, two inches deep."'),
    "instruct_bleeding": 'Say: "Press a clean cloth firmly on the wound and don\'t let go."',
    "instruct_airway": 'Say: "Tilt the head back and lift the chin."',
    "instruct_safety": 'Give safety instructions: "Lock the door, stay hidden and silence your phone."',
    "instruct_stay_on_line": 'Say: "Stay on the line with me, don\'t hang up."',
    "reassure": 'Reassure: "Help is on the way, you\'re doing everything right."',
    "dispatch_notice": 'Tell the caller: "I\'m sending help now, they\'re on the way."',
    "calm_control": 'Take control calmly: "I need you to listen to me so I can help you."',
}
