import pytest

from eventwire.codebook import load_codebook
from eventwire.extract import extract_events
from eventwire.nlp import Analyser


@pytest.fixture(scope="session")
def codebook():
    return load_codebook()


@pytest.fixture(scope="session")
def analyser(codebook):
    return Analyser(codebook.trigger_lemmas())


@pytest.fixture(scope="session")
def actor_test(codebook):
    # The pipeline's own test of what counts as a political entity (lexicon-backed).
    from eventwire.resolve import Resolver

    return Resolver(codebook).is_actor


@pytest.fixture
def extract(codebook, analyser, actor_test):
    def run(text: str):
        [analysed] = analyser.analyse([text])
        return extract_events(analysed, codebook, actor_test).events
    return run
