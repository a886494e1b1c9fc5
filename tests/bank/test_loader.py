"""Bank loading: the shipped bank's shape and every malformed-bank error."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.bank import load_bank
from interviewer.bank.writer import bank_to_toml
from interviewer.errors import BankError, UnknownQuestion
from interviewer.models import Level, Weight

GOOD_QUESTION = """
[[questions]]
id = "beginner-01"
level = "beginner"
question = "What is X?"
sample_answer = "X is a thing."

[[questions.concepts]]
label = "Thing"
weight = "core"
aliases = ["a thing"]
"""


def test_shipped_bank_has_45_questions_in_id_order(bank) -> None:
    ids = [q.id for q in bank.questions]
    expected = [f"{lv.value}-{n:02d}" for lv in Level for n in range(1, 16)]
    assert ids == expected


def test_shipped_bank_levels_and_numbers_match_ids(bank) -> None:
    for q in bank.questions:
        assert q.id == f"{q.level.value}-{q.number:02d}"


def test_shipped_bank_keeps_the_three_faq_entries_as_tips(bank) -> None:
    assert [t.title for t in bank.tips] == [
        "How do I prepare for an AI interview?",
        "What questions should I ask in an AI interview?",
        "How do you nail an AI interview?",
    ]


def test_shipped_bank_concepts_are_curated(bank) -> None:
    for q in bank.questions:
        assert 3 <= len(q.concepts) <= 8, q.id
        assert any(c.weight is Weight.CORE for c in q.concepts), q.id


def test_get_and_by_level(bank) -> None:
    assert bank.get("intermediate-07").text == "Explain K-means clustering"
    assert len(bank.by_level(Level.ADVANCED)) == 15
    assert len(bank.by_level(None)) == 45
    with pytest.raises(UnknownQuestion, match="nope-01"):
        bank.get("nope-01")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD_QUESTION.replace('question = "What is X?"\n', ""),
         r"question beginner-01: missing field 'question'"),
        (GOOD_QUESTION.replace('sample_answer = "X is a thing."\n', ""),
         r"question beginner-01: missing field 'sample_answer'"),
        (GOOD_QUESTION.replace('id = "beginner-01"\n', ""), r"question #1: missing field 'id'"),
        (GOOD_QUESTION + GOOD_QUESTION, r"question beginner-01: duplicate id"),
        (GOOD_QUESTION.replace('level = "beginner"', 'level = "expert"'),
         r"question beginner-01: field 'level': unknown level 'expert'"),
        (GOOD_QUESTION.split("[[questions.concepts]]")[0],
         r"question beginner-01: field 'concepts': needs at least one concept"),
        (GOOD_QUESTION.replace('weight = "core"', 'weight = "vital"'),
         r"concept #1 \('Thing'\): field 'weight'"),
        (GOOD_QUESTION.replace('aliases = ["a thing"]', "aliases = [1, 2]"),
         r"field 'aliases' must be a list of non-empty strings"),
        (GOOD_QUESTION.replace('id = "beginner-01"', 'id = "advanced-01"'),
         r"field 'id' must look like 'beginner-01'"),
        (GOOD_QUESTION + '\n[[questions.concepts.misconceptions]]\nlabel = "x"\npatterns = []\n',
         r"misconception #1: field 'patterns' needs at least one phrase"),
        (GOOD_QUESTION + '\n[[questions.concepts.misconceptions]]\nlabel = "x"\n'
         'patterns = ["!= generative adversarial network"]\n',
         r"misconception #1: field 'patterns': '!= generative adversarial network' needs an "
         r"abbreviation before '!='"),
        (GOOD_QUESTION + '\n[[questions.concepts.misconceptions]]\nlabel = "x"\n'
         'patterns = ["k nn"]\ntrue_of = "k means"\n',
         r"misconception #1: field 'true_of' must be a list of non-empty strings"),
        ("schema = 1\n", r"no \[\[questions\]\] tables found"),
        ('[[questions]]\nid = "beginner-01"\nlevel = \n', r"not valid TOML: .*line 3"),
    ],
    ids=[
        "missing-question", "missing-sample", "missing-id", "duplicate-id", "unknown-level",
        "empty-concepts", "bad-weight", "bad-aliases", "id-level-mismatch", "empty-patterns",
        "bad-abbreviation", "bad-true-of",
        "no-questions", "bad-toml-line",
    ],
)
def test_malformed_bank_names_file_question_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(BankError, match=message) as excinfo:
        load_bank(path)
    assert str(path) in str(excinfo.value)
    assert "\n" not in str(excinfo.value)


def test_missing_file_and_folder_and_binary(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="bank file not found"):
        load_bank(tmp_path / "missing.toml")
    with pytest.raises(BankError, match="is a folder"):
        load_bank(tmp_path)
    junk = tmp_path / "junk.toml"
    junk.write_bytes(b"\xff\xfe\x00binary\x00")
    with pytest.raises(BankError, match="not a text file"):
        load_bank(junk)


def test_custom_bank_loads(tmp_path: Path) -> None:
    custom = load_bank(_write(tmp_path, GOOD_QUESTION))
    assert [q.id for q in custom.questions] == ["beginner-01"]
    assert custom.questions[0].concepts[0].aliases == ("a thing",)


def test_true_of_loads_and_survives_writing_the_bank_back(tmp_path: Path) -> None:
    text = GOOD_QUESTION + (
        '\n[[questions.concepts.misconceptions]]\nlabel = "Describes k-NN"\n'
        'patterns = ["majority vote"]\ntrue_of = ["k nn", "knn"]\n'
    )
    loaded = load_bank(_write(tmp_path, text))
    assert loaded.questions[0].concepts[0].misconceptions[0].true_of == ("k nn", "knn")
    again = tmp_path / "again.toml"
    again.write_text(bank_to_toml(loaded), encoding="utf-8")
    assert load_bank(again).questions == loaded.questions
