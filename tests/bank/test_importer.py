"""Article import: the seed round-trips to the shipped bank; broken articles fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.bank import load_bank
from interviewer.bank.article import parse_article
from interviewer.bank.importer import article_to_bank, import_article, suggest_concepts
from interviewer.cli import main
from interviewer.errors import BankError

from .test_loader import GOOD_QUESTION


def test_importing_the_seed_gives_the_shipped_questions(
    seed_path: Path, bank, tmp_path: Path
) -> None:
    out = tmp_path / "imported.toml"
    imported = import_article(seed_path, out)
    reloaded = load_bank(out)
    for got in (imported, reloaded):
        assert [(q.id, q.text, q.sample_answer) for q in got.questions] == [
            (q.id, q.text, q.sample_answer) for q in bank.questions
        ]
        assert got.tips == bank.tips


def test_sample_answers_are_verbatim_including_later_paragraphs(seed_path: Path) -> None:
    article = parse_article(seed_path.read_text(encoding="utf-8"))
    variance = next(q for q in article.questions if q.id == "beginner-12")
    assert variance.sample_answer.startswith("Variance refers to how much the model’s predictions")
    assert variance.sample_answer.endswith("which can lead to underfitting.")
    assert "\nLow variance means" in variance.sample_answer


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("PCA is a technique used to reduce the dimensionality of your data.", "pca"),
        ("Gradient descent is an optimization technique that helps minimize error.",
         "gradient descent"),
    ],
)
def test_suggested_concepts_include_key_terms(sample: str, expected: str) -> None:
    labels = [c.label for c in suggest_concepts(sample)]
    assert expected in labels
    assert 1 <= len(labels) <= 6


@pytest.mark.parametrize(
    ("sample", "not_expected"),
    [
        # A pair is not taken across a sentence or clause break, nor with a filler in it.
        ("It changes the model. Basically, it descends. The model descends a valley.",
         ("model basically", "basically")),
        ("Trees vote, bagging averages. Trees vote, bagging averages.", ("vote bagging",)),
    ],
)
def test_suggested_terms_stay_in_one_clause_and_hold_no_fillers(
    sample: str, not_expected: tuple[str, ...]
) -> None:
    labels = [c.label for c in suggest_concepts(sample)]
    assert labels
    assert not set(labels) & set(not_expected)


def test_numbered_list_inside_an_answer_stays_in_the_answer() -> None:
    text = ("Beginner AI interview questions\n1. What is X?\nSample answer: Two parts:\n"
            "1. first part\n")
    questions = article_to_bank(text).questions
    assert [q.text for q in questions] == ["What is X?"]
    assert "1. first part" in questions[0].sample_answer


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no questions found"),
        ("just some prose\nwith no structure\n", "no questions found"),
        ("Beginner AI interview questions\n1. What is X?\n2. What is Y?\nSample answer: Y.\n",
         "line 2: question 1 has no 'Sample answer:'"),
        ("Beginner AI interview questions\n1. What is X?\nSample answer: X.\n"
         "Beginner AI interview questions\n1. What is X again?\nSample answer: X.\n",
         "beginner-01 appears twice"),
    ],
)
def test_broken_articles(text: str, message: str) -> None:
    with pytest.raises(BankError, match=message):
        article_to_bank(text, "a.txt")


def test_cli_bank_import_and_check(seed_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "mine.toml"
    assert main(["bank", "import", str(seed_path), "-o", str(out)]) == 0
    assert "wrote 45 questions and 3 tips" in capsys.readouterr().out
    # Every suggested term can match: the check finds nothing to fix.
    assert main(["bank", "check", str(out)]) == 0
    assert "ok, 45 questions" in capsys.readouterr().out
    assert main(["--bank", str(out), "questions", "--level", "beginner"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 15


@pytest.mark.parametrize("args", [["bank", "import", "nope.txt", "-o", "x.toml"],
                                  ["bank", "check", "nope.toml"],
                                  ["--bank", "nope.toml", "questions"]])
def test_cli_bank_errors_are_one_line(args: list[str], tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("interviewer: error: ")
    assert captured.err.count("\n") == 1


def test_cli_bank_check_names_what_will_not_score(tmp_path: Path, capsys) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        GOOD_QUESTION.replace('["a thing"]', '["a thing", "basically zero"]'), encoding="utf-8"
    )
    assert main(["bank", "check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}: loads (1 question, 1 concept), but 1 problem will not score as written:",
        "  beginner-01: concept 'Thing', alias 'basically zero': never matches an answer: "
        "answers are read without filler words ('basically')",
    ]

