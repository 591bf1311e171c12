"""Learned PLOVER event typing: per-type scores for a document or a sentence.

A TF-IDF (word unigrams + bigrams) one-vs-rest logistic model, trained by
``training/train_type_classifier.py`` on synthetic stories and shipped as plain arrays in an
``.npz`` (no pickle), so inference needs numpy only and does not depend on the scikit-learn
version that trained it. The tokenizer below reproduces scikit-learn's ``TfidfVectorizer`` with the
settings recorded in the model file; :meth:`TypeClassifier.load` refuses any other settings rather
than silently scoring with a mismatched vectorizer.

Scores are per-type sigmoid probabilities, each from its own binary model, so a row does not sum
to one: a document can report several types, and a sentence may report none.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

# The model's columns follow the codebook order; training stores them that way.
from eventwire.codebook import PLOVER_TYPES

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "models" / "type_classifier.npz"
FORMAT_VERSION = 1

# The only vectorizer settings this module reproduces; training passes exactly these to sklearn.
VECTORIZER_CONFIG: dict[str, Any] = {
    "lowercase": True,
    "token_pattern": r"(?u)\b\w\w+\b",
    "ngram_range": [1, 2],
    "sublinear_tf": True,
    "norm": "l2",
    "use_idf": True,
}

_TOKEN_RE = re.compile(VECTORIZER_CONFIG["token_pattern"])


def analyze(text: str) -> list[str]:
    """Terms as sklearn's word analyzer yields them: lowercase, 2+ word-char tokens, then bigrams.

    Bigrams join adjacent tokens with one space even across punctuation, as sklearn does.
    """
    tokens = _TOKEN_RE.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Split by sign so large |z| neither overflows exp nor loses precision near 0 and 1.
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


class TypeClassifier:
    """Per-type scores for texts; build with :meth:`load`."""

    def __init__(self, vocabulary: Mapping[str, int], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, types: Sequence[str],
                 metadata: dict[str, Any] | None = None) -> None:
        n_features = len(vocabulary)
        if idf.shape != (n_features,) or coef.shape != (n_features, len(types)):
            raise ValueError(f"inconsistent model arrays: vocab {n_features}, idf {idf.shape}, "
                             f"coef {coef.shape}, types {len(types)}")
        self.vocabulary: dict[str, int] = dict(vocabulary)
        # float64 at run time so results match sklearn's float64 arithmetic to ~1e-7.
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)  # (n_features, n_types): row gather per term
        self.intercept = intercept.astype(np.float64)
        self.types: tuple[str, ...] = tuple(types)
        self.metadata: dict[str, Any] = metadata or {}

    # -- loading -------------------------------------------------------------------------------

    _cache: dict[Path, TypeClassifier] = {}
    _lock = threading.Lock()

    @classmethod
    def load(cls, path: str | Path | None = None) -> TypeClassifier:
        """The model at ``path`` (default: the shipped one), read once per process and shared."""
        key = Path(path or DEFAULT_MODEL_PATH).resolve()
        with cls._lock:
            model = cls._cache.get(key)
            if model is None:
                model = cls._read(key)
                cls._cache[key] = model
        return model

    @classmethod
    def _read(cls, path: Path) -> TypeClassifier:
        with np.load(path, allow_pickle=False) as z:
            header = json.loads(str(z["header"]))
            if header.get("format_version") != FORMAT_VERSION:
                raise ValueError(f"{path}: format_version {header.get('format_version')} is not "
                                 f"{FORMAT_VERSION}")
            if header.get("vectorizer") != VECTORIZER_CONFIG:
                raise ValueError(f"{path}: vectorizer settings {header.get('vectorizer')} differ "
                                 "from the ones this module reproduces")
            terms = json.loads(str(z["vocabulary"]))
            idf, coef, intercept = z["idf"], z["coef"], z["intercept"]
        meta_path = path.with_suffix(".json")
        metadata = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
        return cls({t: i for i, t in enumerate(terms)}, idf, coef, intercept, header["types"],
                   metadata)

    # -- scoring -------------------------------------------------------------------------------

    def _features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and l2-normalised tf-idf values of one text's known terms."""
        counts = Counter(t for t in analyze(text) if t in self.vocabulary)
        if not counts:
            return np.empty(0, dtype=np.intp), np.empty(0)
        idx = np.fromiter((self.vocabulary[t] for t in counts), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        val = (1.0 + np.log(tf)) * self.idf[idx]
        return idx, val / math.sqrt(float(val @ val))

    def decision_function(self, texts: Iterable[str]) -> np.ndarray:
        """Logits, shape (n, n_types): what sklearn's ``decision_function`` gives."""
        if isinstance(texts, str):  # would otherwise be scored character by character
            raise TypeError("pass a list of texts, not one string")
        rows = [self.intercept + val @ self.coef[idx] for idx, val in map(self._features, texts)]
        if not rows:
            return np.empty((0, len(self.types)))
        return np.vstack(rows)

    def scores(self, texts: Iterable[str]) -> np.ndarray:
        """Per-type probabilities, shape (n, n_types) in :attr:`types` order; rows need not sum to 1."""
        return _sigmoid(self.decision_function(texts))

    def score(self, text: str) -> dict[str, float]:
        """One text's scores keyed by type."""
        return dict(zip(self.types, self.scores([text])[0].tolist()))

    def top(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """The k best types for one text, best first."""
        s = self.scores([text])[0]
        order = np.argsort(-s, kind="stable")[:k]
        return [(self.types[i], float(s[i])) for i in order]


def save_model(path: str | Path, *, vocabulary: Mapping[str, int], idf: np.ndarray,
               coef: np.ndarray, intercept: np.ndarray, types: Sequence[str],
               metadata: dict[str, Any] | None = None, dtype: type = np.float32) -> Path:
    """Write a model in the format :meth:`TypeClassifier.load` reads.

    ``coef`` is (n_types, n_features) as sklearn stores it; it is written transposed so that
    inference gathers contiguous rows. ``metadata``, if given, goes to a JSON file beside it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    if [vocabulary[t] for t in terms] != list(range(len(terms))):
        raise ValueError("vocabulary indices must be 0..n-1")
    header = {"format_version": FORMAT_VERSION, "types": list(types),
              "vectorizer": VECTORIZER_CONFIG}
    # JSON strings in 0-d arrays keep the file loadable with allow_pickle=False.
    np.savez_compressed(
        path,
        header=np.array(json.dumps(header)),
        vocabulary=np.array(json.dumps(terms, ensure_ascii=False)),
        idf=np.asarray(idf, dtype=dtype),
        coef=np.ascontiguousarray(np.asarray(coef, dtype=dtype).T),
        intercept=np.asarray(intercept, dtype=dtype),
    )
    if metadata is not None:
        path.with_suffix(".json").write_text(json.dumps(metadata, indent=2, ensure_ascii=False)
                                             + "\n", "utf-8")
    return path
