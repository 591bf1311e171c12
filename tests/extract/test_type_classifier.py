"""The shipped type classifier: its shape, a few invented sentences, and exact agreement of the
numpy inference with scikit-learn (skipped where scikit-learn is not installed)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from eventwire.codebook import PLOVER_TYPES
from eventwire.extract.type_classifier import (
    DEFAULT_MODEL_PATH, VECTORIZER_CONFIG, TypeClassifier, analyze, save_model,
)

# Invented text that stresses the tokenizer: case, curly and straight apostrophes, hyphens,
# digits, underscores, one-letter words, non-ASCII letters, repeated terms, no known term at all.
TRICKY = [
    "Gunmen killed 12 villagers in an attack on a market",
    "Thousands of protesters marched through the capital demanding the president's resignation",
    "The U.N. envoy met al-Rufay’i's deputies in São Tomé; talks, talks and more TALKS.",
    "a b c 1 2 3 x_y __init__ Ärzte streiken — strike! strike? STRIKE.",
    "",
    "zzqx vvbn",
]


@pytest.fixture(scope="module")
def model() -> TypeClassifier:
    return TypeClassifier.load()


def test_shipped_model_shape_and_label_order(model: TypeClassifier) -> None:
    assert model.types == PLOVER_TYPES
    s = model.scores(TRICKY)
    assert s.shape == (len(TRICKY), 16)
    assert np.all((s > 0) & (s < 1))
    assert model.scores([]).shape == (0, 16)
    assert TypeClassifier.load() is model  # read once per process
    assert DEFAULT_MODEL_PATH.stat().st_size < 3_000_000


def test_metadata_records_split_and_scores(model: TypeClassifier) -> None:
    meta = model.metadata
    assert meta["types"] == list(PLOVER_TYPES)
    assert "sha256(title" in meta["split"]["rule"]
    assert 0 < meta["doc_threshold"]["value"] < 1
    assert 0 < meta["heldout"]["macro_f1_top1"] <= 1


def test_text_without_known_terms_scores_the_intercepts(model: TypeClassifier) -> None:
    s = model.scores(["", "zzqx vvbn"])
    expect = 1 / (1 + np.exp(-model.intercept))
    np.testing.assert_allclose(s, np.vstack([expect, expect]), rtol=1e-12)


def test_violent_sentence_is_assault(model: TypeClassifier) -> None:
    assert model.top("Gunmen killed 12 villagers in an attack on a market", k=1)[0][0] == "ASSAULT"


def test_protest_sentence_is_protest(model: TypeClassifier) -> None:
    text = "Thousands of protesters marched through the capital demanding the resignation of the president"
    assert model.top(text, k=1)[0][0] == "PROTEST"


def test_scores_rejects_a_bare_string(model: TypeClassifier) -> None:
    with pytest.raises(TypeError):
        model.scores("one sentence")  # type: ignore[arg-type]


def test_scoring_100_sentences_is_fast(model: TypeClassifier) -> None:
    sentences = [f"{TRICKY[i % 4]} number {i}" for i in range(100)]
    model.scores(sentences)
    started = time.perf_counter()
    model.scores(sentences)
    # A few ms on a laptop; the bound leaves room for a loaded CI machine.
    assert time.perf_counter() - started < 0.25


def test_rejects_a_model_with_other_vectorizer_settings(tmp_path: Path) -> None:
    path = save_model(tmp_path / "m.npz", vocabulary={"a": 0}, idf=np.ones(1),
                      coef=np.ones((16, 1)), intercept=np.zeros(16), types=PLOVER_TYPES)
    with np.load(path) as z:
        arrays = dict(z)
    header = json.loads(str(arrays["header"]))
    header["vectorizer"] = {**VECTORIZER_CONFIG, "sublinear_tf": False}
    arrays["header"] = np.array(json.dumps(header))
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match="vectorizer"):
        TypeClassifier.load(path)


def _vectorizer(**kwargs):
    from sklearn.feature_extraction.text import TfidfVectorizer

    cfg = VECTORIZER_CONFIG
    return TfidfVectorizer(lowercase=cfg["lowercase"], token_pattern=cfg["token_pattern"],
                           ngram_range=tuple(cfg["ngram_range"]), sublinear_tf=cfg["sublinear_tf"],
                           norm=cfg["norm"], use_idf=cfg["use_idf"], **kwargs)


def test_analyzer_equals_sklearn() -> None:
    pytest.importorskip("sklearn")
    sk = _vectorizer().build_analyzer()
    for text in TRICKY:
        assert analyze(text) == sk(text)


def test_roundtrip_equals_sklearn(tmp_path: Path) -> None:
    """Fit sklearn on invented text, export, reload with numpy: same logits and probabilities."""
    pytest.importorskip("sklearn")
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    rng = np.random.default_rng(0)
    words = ("attack troops border talks protest sanctions aid deal strike arrest police rebels "
             "minister accused denied warned agreed visit envoy market capital").split()
    labels = list(PLOVER_TYPES)
    train = [" ".join(rng.choice(words, size=int(rng.integers(3, 12)))) + f" {labels[i % 16].lower()}"
             for i in range(160)]
    y = [labels[i % 16] for i in range(160)]
    vec = _vectorizer(max_features=200, min_df=1)
    X = vec.fit_transform(train)
    ovr = OneVsRestClassifier(LogisticRegression(C=5.0, solver="liblinear")).fit(X, y)
    order = [list(ovr.classes_).index(t) for t in PLOVER_TYPES]
    path = save_model(tmp_path / "m.npz", vocabulary=vec.vocabulary_, idf=vec.idf_,
                      coef=np.vstack([ovr.estimators_[i].coef_[0] for i in order]),
                      intercept=np.array([ovr.estimators_[i].intercept_[0] for i in order]),
                      types=PLOVER_TYPES)
    ours = TypeClassifier.load(path)

    sample = train[:20] + TRICKY
    Xs = vec.transform(sample)
    logits = np.column_stack([ovr.estimators_[i].decision_function(Xs) for i in order])
    np.testing.assert_allclose(ours.decision_function(sample), logits, atol=1e-5)
    proba = np.column_stack([ovr.estimators_[i].predict_proba(Xs)[:, 1] for i in order])
    np.testing.assert_allclose(ours.scores(sample), proba, atol=1e-5)
    # sklearn's OvR predict_proba is the same scores renormalised to sum to one per row.
    s = ours.scores(sample)
    np.testing.assert_allclose(s / s.sum(1, keepdims=True), ovr.predict_proba(Xs)[:, order], atol=1e-5)


def test_shipped_model_equals_sklearn_on_its_own_arrays(model: TypeClassifier) -> None:
    """The shipped vocabulary and idf, fed to sklearn's vectorizer, give the same logits."""
    pytest.importorskip("sklearn")
    terms = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    vec = _vectorizer(vocabulary=terms).fit(["placeholder"])
    vec.idf_ = model.idf
    X = vec.transform(TRICKY)
    np.testing.assert_allclose(model.decision_function(TRICKY), X @ model.coef + model.intercept,
                               atol=1e-5)
