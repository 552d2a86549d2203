"""The entity word lists are data files shipped inside the package and read by the lexicon module."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sim_core.nlp import entity_lexicon as lex  # noqa: E402

LEXICONS = ROOT / "sim_core" / "nlp" / "data" / "lexicons"


def test_every_lexicon_file_is_read_and_comments_are_not_terms():
    files = sorted(p.stem for p in LEXICONS.glob("*.txt"))
    assert files == sorted(
        [
            "ambiguous_models",
            "ambiguous_names",
            "colors",
            "drugs",
            "first_names",
            "hazards",
            "injuries",
            "medical",
            "times",
            "vehicle_heads",
            "vehicle_makes",
            "vehicle_models",
            "weapons",
        ]
    )
    for name in files:
        terms = lex.load_terms(name)
        assert terms, name
        assert not any(t.startswith("#") or t != t.strip() for t in terms), name


def test_lists_keep_their_roles():
    # A name that is also a word needs context; a plain name does not.
    assert "Grace" in lex.AMBIGUOUS_NAMES and "Grace" not in lex.UNAMBIGUOUS_NAMES
    assert "Tyler" in lex.UNAMBIGUOUS_NAMES and "tyler" in lex.NAME_LOOKUP
    assert "escape" in lex.AMBIGUOUS_MODELS and "escape" in lex.VEHICLE_MODELS
    # The last section of drugs.txt is what callers call their medication.
    assert "blood pressure pills" in lex.DRUG_TERMS and "heroin" in lex.DRUG_TERMS
    assert "cardiac arrest" in lex.MEDICAL_TERMS and "copd" in lex.MEDICAL_TERMS
