from pathlib import Path

import pytest

from eventwire.codebook import PLOVER_TYPES, CodebookError, load_codebook


def test_packaged_codebook_has_all_sixteen_types_with_triggers():
    book = load_codebook()
    assert set(book.types) == set(PLOVER_TYPES)
    for name in PLOVER_TYPES:
        assert any(r.type == name for r in book.rules), f"{name} has no trigger"
        assert book.types[name].definition


def test_trigger_modes_belong_to_their_type():
    book = load_codebook()
    for rule in book.rules:
        modes = book.types[rule.type].modes
        if rule.mode is not None and modes:
            assert rule.mode in modes, (rule.type, rule.lemmas, rule.mode)


def test_conditional_rules_are_parsed():
    book = load_codebook()
    call_rules = {r.type: r for r in book.verb_rules["call"]}
    assert call_rules["REQUEST"].with_children == frozenset({"for", "on", "upon"})
    assert "counterpart" in call_rules["CONSULT"].objects


def test_acled_mapping_follows_mode_and_recipient():
    book = load_codebook()
    assert book.acled_for("COERCE", "arrest") == {"event_type": "Strategic developments",
                                                  "sub_event_type": "Arrests"}
    assert book.acled_for("ASSAULT", "drone")["sub_event_type"] == "Air/drone strike"
    assert book.acled_for("ASSAULT", None, ["MIL"])["event_type"] == "Battles"
    assert book.acled_for("ASSAULT", None, ["CVL"])["event_type"] == "Violence against civilians"
    assert book.acled_for("ACCUSE", "allege") is None


def test_user_codebook_adds_triggers_and_keeps_the_rest(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("types:\n  PROTEST:\n    triggers:\n      verb:\n        sit-in: demo\n")
    book = load_codebook([extra])
    assert "sit-in" in book.verb_rules
    assert "arrest" in book.verb_rules  # the packaged lexicon is still there
    assert str(extra) in book.sources


def test_user_codebook_errors_name_the_file(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("types:\n  RIOT:\n    triggers: {}\n")
    with pytest.raises(CodebookError, match="bad.yaml.*'RIOT' is not a PLOVER type"):
        load_codebook([bad])
    broken = tmp_path / "broken.yaml"
    broken.write_text("types: [unclosed\n")
    with pytest.raises(CodebookError, match="broken.yaml"):
        load_codebook([broken])
    wrong_mode = tmp_path / "mode.yaml"
    wrong_mode.write_text("types:\n  COERCE:\n    triggers:\n      verb:\n        nab: kidnap\n")
    with pytest.raises(CodebookError, match="mode 'kidnap'"):
        load_codebook([wrong_mode])
    with pytest.raises(CodebookError, match="no such codebook"):
        load_codebook([tmp_path / "missing.yaml"])


def test_type_flags_and_argument_roles_are_checked(tmp_path: Path):
    flag = tmp_path / "flag.yaml"
    flag.write_text("types:\n  AGREE:\n    symmetric: no\n")  # "no" is a word in this YAML
    with pytest.raises(CodebookError, match="flag.yaml: AGREE: symmetric must be true or false"):
        load_codebook([flag])
    role = tmp_path / "role.yaml"
    role.write_text("types:\n  SUPPORT:\n    triggers:\n      noun:\n        backing: {of_object: agent}\n")
    with pytest.raises(CodebookError, match="role.yaml.*of_object must be actor or recipient"):
        load_codebook([role])
    ok = tmp_path / "ok.yaml"
    ok.write_text("types:\n  AGREE:\n    symmetric: false\n")
    assert load_codebook([ok]).types["AGREE"].symmetric is False


def test_answered_nouns_are_data_and_checked(tmp_path: Path):
    book = load_codebook()
    assert book.answered_nouns["allegation"] == "ACCUSE"
    assert book.answered_nouns["ruling"] == "ACT"
    assert book.types["SUPPORT"].addresses_doer and book.types["MOBILIZE"].purpose_target
    extra = tmp_path / "answers.yaml"
    extra.write_text("answers:\n  claims:\n    REQUEST: [ultimatum]\n")
    assert load_codebook([extra]).answered_nouns["ultimatum"] == "REQUEST"
    bad = tmp_path / "bad_answers.yaml"
    bad.write_text("answers:\n  claims:\n    RIOT: [rumour]\n")
    with pytest.raises(CodebookError, match="bad_answers.yaml.*'RIOT', not an event type"):
        load_codebook([bad])
    assert book.held_by == "COERCE" and "release" in book.custody_nouns
    custody = tmp_path / "custody.yaml"
    custody.write_text("answers:\n  custody:\n    held_by: JAIL\n")
    with pytest.raises(CodebookError, match="custody.yaml.*held_by names 'JAIL'"):
        load_codebook([custody])
    # Wrong shapes get an error naming the file, not a Python traceback.
    for name, text in (("list.yaml", "answers: [release]\n"),
                       ("claims.yaml", "answers:\n  claims: [call]\n"),
                       ("custody_list.yaml", "answers:\n  custody: [release]\n")):
        shaped = tmp_path / name
        shaped.write_text(text)
        with pytest.raises(CodebookError, match=name.replace(".", r"\.")):
            load_codebook([shaped])


def test_a_trigger_may_list_alternative_conditions(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("types:\n  REQUEST:\n    triggers:\n      verb:\n        beg:\n"
                     "          - {with: [for]}\n          - {with_dep: [xcomp], confidence: 0.4}\n")
    rules = [r for r in load_codebook([extra]).verb_rules["beg"] if r.type == "REQUEST"]
    assert [r.with_children for r in rules] == [frozenset({"for"}), frozenset()]
    assert rules[1].with_deps == frozenset({"xcomp"}) and rules[1].confidence == 0.4


def test_not_object_is_read(tmp_path: Path):
    extra = tmp_path / "not_object.yaml"
    extra.write_text("types:\n  RETREAT:\n    triggers:\n      verb:\n"
                     "        release: {mode: release, not_object: [hostage]}\n")
    rules = [r for r in load_codebook([extra]).verb_rules["release"] if r.type == "RETREAT"]
    assert rules and all(r.not_objects == frozenset({"hostage"}) for r in rules)


def test_a_claimed_trigger_is_a_true_or_false_flag(tmp_path: Path):
    bad = tmp_path / "claimed.yaml"
    bad.write_text("types:\n  ACCUSE:\n    triggers:\n      verb:\n        swindle: {claimed: yes}\n")
    with pytest.raises(CodebookError, match="claimed.yaml.*swindle: claimed must be true or false"):
        load_codebook([bad])
    good = tmp_path / "good.yaml"
    good.write_text("types:\n  ACCUSE:\n    triggers:\n      verb:\n        swindle: {mode: allege, claimed: true}\n")
    [rule] = [r for r in load_codebook([good]).rules if r.lemmas == ("swindle",)]
    assert rule.claimed and rule.type == "ACCUSE"
