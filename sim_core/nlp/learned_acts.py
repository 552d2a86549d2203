"""A trained dialogue-act classifier beside the rules.

The rules (``acts.py``) are precise on the phrasing they were written for but
miss new wording; a spaCy ``textcat_multilabel`` (bag of words and bigrams)
trained on the labelled sets in ``data/`` catches much of what they miss. The
pipeline asks it when the rules find no act at all, and for the acts no rule is
written for yet (``acts.RULE_LESS``) on every line that is more than plain
questions. ``python -m sim_core nlp retrain`` rebuilds it with instructors'
corrections (``retrain.py``); ``ACTIVE.json`` then names the model in use and the
previous one, kept for a rollback.

Nothing is downloaded: the model is trained from the repository's own data by
``python -m sim_core.nlp.train_acts`` (``scripts/setup.sh`` runs it; about a
minute on two cores) into ``data/.model/`` beside the sets, under a name that
changes with the training data, the recipe and the spaCy version. Without it
the pipeline runs on the rules alone and says so once in the log.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import shutil
import threading
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example

from .acts import classify
from .schema import ACTS

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAIN_SPLITS = ("dev", "heldout", "fresh")  # never "blind": that set measures the result
EPOCHS = 20
SEED = 0
THRESHOLD = 0.6  # 0.5, 0.6 and 0.7 score the same on held-out when it is left out of training
_ARCH = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": False,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 65536,
}


def _training_files() -> list[Path]:
    """The labelled trainee lines, then the entity sets' lines (mostly the caller's)."""
    return [DATA_DIR / f"acts_{split}.jsonl" for split in TRAIN_SPLITS] + [
        DATA_DIR / f"entities_{split}.jsonl" for split in TRAIN_SPLITS
    ]


def _rows() -> list[dict]:
    """Training rows {text, acts}. Entity-set lines in which the rules find no act are
    taken as "other": they teach the model that a caller's statement ("he is not
    breathing") is not the call-taker asking about it."""
    rows = []
    for path in _training_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "acts" in row:
                rows.append(row)
            elif set(classify(row["text"])) == {"other"}:
                rows.append({"text": row["text"], "acts": ["other"]})
    return rows


MODEL_DIR = DATA_DIR / ".model"
# Which model a retrain (repository sets + corrections) made current, and the one before it.
ACTIVE_FILE = MODEL_DIR / "ACTIVE.json"


def data_digest(extra: list[dict] | None = None) -> str:
    """Names the training data and recipe: the repository's sets plus any extra rows."""
    digest = hashlib.sha256()
    for path in _training_files():
        digest.update(path.read_bytes())
    digest.update(json.dumps([_ARCH, EPOCHS, SEED, spacy.__version__], sort_keys=True).encode())
    if extra:
        digest.update(json.dumps(extra, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def model_path(extra: list[dict] | None = None) -> Path:
    """Where the model for the current data and recipe lives (it may not exist yet)."""
    return MODEL_DIR / f"acts-{data_digest(extra)}"


def read_active() -> dict:
    """{"model", "previous", "base"} written by a retrain, or {} (none, or unreadable)."""
    try:
        return json.loads(ACTIVE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_active(model: Path, previous: Path | None) -> None:
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    ACTIVE_FILE.write_text(
        json.dumps({"model": model.name, "previous": previous.name if previous else None, "base": data_digest()}),
        encoding="utf-8",
    )


def current_path() -> Path:
    """The model the pipeline uses: the retrained one while it was built on the repository
    data as it is now, else the one of the repository data alone."""
    active = read_active()
    if active.get("model") and active.get("base") == data_digest():
        path = MODEL_DIR / active["model"]
        if path.is_dir():
            return path
    return model_path()


def train(out: Path | None = None, extra: list[dict] | None = None, keep: tuple[Path, ...] = ()) -> Path:
    """Train on TRAIN_SPLITS (plus ``extra`` rows {text, acts}) and save; returns the
    model's folder. Older models are removed except the active and previous ones and
    ``keep``."""
    out = out or model_path(extra)
    rows = _rows() + list(extra or [])
    spacy.util.fix_random_seed(SEED)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": _ARCH})
    assert isinstance(textcat, TextCategorizer)
    for act in ACTS:
        textcat.add_label(act)
    examples = [
        Example.from_dict(nlp.make_doc(r["text"]), {"cats": {a: float(a in r["acts"]) for a in ACTS}}) for r in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(SEED)
    for _ in range(EPOCHS):
        order.shuffle(examples)
        for batch in spacy.util.minibatch(examples, 16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    active = read_active()
    kept = {out.name, active.get("model"), active.get("previous"), *(p.name for p in keep)}
    for old in out.parent.glob("acts-*"):  # models of older data or recipes
        if old.name not in kept and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return out


_LOCK = threading.Lock()
_MODEL: Language | None = None
_LOADED = False


def _model() -> Language | None:
    global _MODEL, _LOADED
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                path = current_path()
                if path.is_dir():
                    _MODEL = spacy.load(path)
                else:
                    log.warning(
                        "no trained act model at %s: acts come from the rules alone "
                        "(python -m sim_core.nlp.train_acts trains it)",
                        path,
                    )
                _LOADED = True
    return _MODEL


def reload() -> None:
    """Forget the loaded model; the next prediction loads the current one."""
    global _MODEL, _LOADED
    with _LOCK:
        _MODEL, _LOADED = None, False


def available() -> bool:
    return _model() is not None


def predict(text: str) -> dict[str, float]:
    """Acts the model gives at least THRESHOLD ("other" excluded); {} without a model."""
    model = _model()
    if model is None or not text.strip():
        return {}
    cats = model(text).cats
    return {act: round(p, 3) for act, p in cats.items() if act != "other" and p >= THRESHOLD}
