"""The readable report: coverage, covered with matched words, missed with sample sentence."""

from __future__ import annotations

from interviewer.scoring import score_answer
from interviewer.scoring.report import format_report
from speech.fakes import timed_transcript

from .factories import kmeans

ANSWER = "Um, kmeans is unsupervised and finds the nearest neighbours."


def test_report_names_every_part() -> None:
    q = kmeans()
    report = format_report(q, score_answer(q, ANSWER))
    assert report.startswith("beginner-07: Explain k-means clustering")
    # "unsupervised" is mentioned once: 90% of its 2 points out of 9.
    assert "Coverage: 0% (-20% for misconceptions)" in report
    assert 'Covered (1/5):\n  + unsupervised [core]: "unsupervised" (mentioned once)' in report
    assert "    Mentioned once: you said it but did not come back to explain it" in report
    assert "Missed (4/5):" in report
    assert "  - centroid [core]\n      Sample answer: It assigns each point" in report
    assert (
        "  ! Describes k-nearest neighbours classification (about groups into clusters): "
        '"nearest neighbours"'
    ) in report
    assert "  Length: 9 words\n  Pace: n/a (no timing)" in report
    assert "  Fillers: 1 (11.1 per 100 words): um" in report


def test_report_with_timing_and_nothing_missed() -> None:
    q = kmeans()
    text = q.sample_answer
    report = format_report(q, score_answer(q, text, transcript=timed_transcript(text, 20.0)))
    # Three of the five concepts are mentioned once in the sample answer.
    assert "Coverage: 94%" in report
    assert 'Covered (5/5):\n  + unsupervised [core]: "unsupervised" (mentioned once)' in report
    assert '  + centroid [core]: "centroid"\n' in report
    assert "Missed (0/5):\n  (none)" in report
    assert "Misconceptions" not in report
    assert "words per minute" in report
    assert "Longest pause: 0.0 s" in report
    assert "Time to first word: 0.0 s" in report


def test_report_when_nothing_is_covered() -> None:
    q = kmeans()
    report = format_report(q, score_answer(q, "no idea"))
    assert "Coverage: 0%\n" in report
    assert "Covered (0/5):\n  (none)" in report
    assert "Mentioned once" not in report
