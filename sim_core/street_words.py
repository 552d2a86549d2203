"""Short forms of the words of a street address, as callers type and CAD records them
("1425 Oak St" = "1425 Oak Street"), for comparing two addresses word by word."""

ABBREV = {
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "dr": "drive",
    "rd": "road",
    "apt": "apartment",
    "blvd": "boulevard",
    "ln": "lane",
    "hwy": "highway",
    "ct": "court",
    "pl": "place",
    "pkwy": "parkway",
    "cir": "circle",
    "mt": "mount",
    "n": "north",
    "s": "south",
    "e": "east",
    "w": "west",
}
