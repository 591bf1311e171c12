import pytest

from eventwire.nlp import Analyser
from eventwire.nlp.inflect import inflections, surface_forms


def test_inflections_cover_regular_and_irregular_forms():
    assert {"arrest", "arrests", "arrested", "arresting"} <= inflections("arrest")
    assert {"bans", "banned", "banning"} <= inflections("ban")
    assert {"detains", "detained"} <= inflections("detain")
    assert {"meets", "met"} <= inflections("meet")
    assert {"seizes", "seized", "seizing"} <= inflections("seize")
    assert {"carries", "carried"} <= inflections("carry")
    assert "ceasefires" in surface_forms(["cease-fire"]) or "ceasefire" in surface_forms(["cease-fire"])


@pytest.fixture(scope="module")
def analyser():
    return Analyser(["arrest", "detain", "protest"])


def test_sentences_keep_exact_offsets_and_split_on_lines(analyser):
    text = "Police Arrest Activists\nPolice arrested 12 activists in the U.S. The group denied it.\n\nNo event here."
    sentences = analyser.split_sentences(text)
    assert [s.text for s in sentences] == [
        "Police Arrest Activists", "Police arrested 12 activists in the U.S.",
        "The group denied it.", "No event here."]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_only_candidate_sentences_are_parsed(analyser):
    text = "Crowds protested downtown. The weather was mild. Police detained two men."
    [article] = analyser.analyse([text])
    assert [s.is_candidate for s in article.sentences] == [True, False, True]
    assert sorted(article.parses) == [0, 2]
    assert article.parses[2][1].lemma_ == "detain"


def test_without_cascade_every_sentence_is_parsed():
    analyser = Analyser(["arrest"], cascade=False)
    [article] = analyser.analyse(["One. Two three. Four."])
    assert len(article.parses) == len(article.sentences) == 3


def test_run_on_text_is_split_into_parseable_pieces_with_exact_offsets(analyser):
    from eventwire.nlp import MAX_SENTENCE_TOKENS

    text = " ".join(["police arrested protesters"] * 300)  # 900 tokens, no punctuation
    sentences = analyser.split_sentences(text)
    assert len(sentences) == 900 // MAX_SENTENCE_TOKENS + (1 if 900 % MAX_SENTENCE_TOKENS else 0)
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert len(s.text.split()) <= MAX_SENTENCE_TOKENS


def test_articles_longer_than_spacys_default_limit_are_accepted(analyser):
    text = "The weather was calm. " * 50_000  # 1.1 million characters
    assert len(text) > 1_000_000
    sentences = analyser.split_sentences(text)
    assert len(sentences) == 50_000 and not any(s.is_candidate for s in sentences)


def test_interview_turn_labels_are_left_out_of_sentences(analyser):
    text = ("VOA: Three days later, China conducted drills near Taiwan.\n"
            "Richard Armitage, former U.S. deputy secretary of state: The drills were expected.\n"
            "He said: more drills will follow.")
    sentences = [s.text for s in analyser.split_sentences(text)]
    assert sentences[0] == "Three days later, China conducted drills near Taiwan."
    assert sentences[1] == "The drills were expected."
    assert sentences[2].startswith("He said:")  # not a label: "said" is no name


def test_a_headline_with_a_colon_is_no_turn_label(analyser):
    text = "Mali Purges: Soldiers Detained Amid Coup Allegations\nDozens of soldiers were detained."
    assert analyser.split_sentences(text)[0].text == "Mali Purges: Soldiers Detained Amid Coup Allegations"


def test_turn_labels_inside_a_transcript_pasted_as_one_block(analyser):
    text = ("VOA: What did you discuss? Armitage: We discussed the drills. "
            "VOA: China then conducted drills near Taiwan. In Taipei: Officials stayed calm.")
    sentences = [s.text for s in analyser.split_sentences(text)]
    assert "We discussed the drills." in sentences
    assert "China then conducted drills near Taiwan." in sentences
    assert "In Taipei: Officials stayed calm." in sentences  # a place, not a speaker


def test_a_sentence_is_found_by_where_it_starts(analyser):
    [article] = analyser.analyse(["Police arrested 12 protesters. The army withdrew."])
    second = article.sentences[1]
    assert article.index_of(second.start) == 1
    assert article.index_of(0) == 0
    assert article.index_of(second.start + 1) is None
