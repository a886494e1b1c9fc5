"""Building the format-neutral Report from a saved session (or a running one's snapshot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer.models import Question, Score
from interviewer.reports.highlight import locate, mark, pieces
from interviewer.reports.model import (
    AttemptReport,
    CoveredConcept,
    FoundMisconception,
    MissedConcept,
    QuestionReport,
    QuestionStatus,
    Report,
    ScoredText,
)
from interviewer.session.records import Attempt, QuestionResult, SavedSession
from interviewer.session.summary import summarise

if TYPE_CHECKING:
    from interviewer.session.flow import InterviewSession


def as_saved(saved_or_session: SavedSession | InterviewSession) -> SavedSession:
    """A SavedSession as is, or a running session's snapshot."""
    if isinstance(saved_or_session, SavedSession):
        return saved_or_session
    return saved_or_session.snapshot()


def build_report(saved: SavedSession) -> Report:
    """Everything the report says about `saved`, computed once for every format."""
    summary = summarise(saved)
    questions = tuple(
        _question(number, question, result, saved)
        for number, (question, result) in enumerate(
            zip(saved.questions, summary.per_question, strict=True), start=1
        )
    )
    return Report(
        session_id=saved.id,
        folder=saved.folder,
        created_at=saved.created_at,
        updated_at=saved.updated_at,
        finished=saved.finished,
        model=saved.model,
        app_version=saved.app_version,
        schema_version=saved.schema_version,
        unreferenced_audio=saved.unreferenced_audio,
        questions=questions,
        summary=summary,
    )


def _question(
    number: int,
    question: Question,
    result: QuestionResult,
    saved: SavedSession,
) -> QuestionReport:
    # Attempts are numbered across the session, as session.json and `sessions show` do.
    attempts = [(n, a) for n, a in enumerate(saved.attempts, start=1)
                if a.question_id == question.id]
    answers = [(n, a) for n, a in attempts if a.kind == "answer"]
    # The summary's best coverage is the first answer reaching the maximum; mark that one.
    best = max(answers, key=lambda na: na[1].score.coverage)[0] if answers else None
    status: QuestionStatus = (
        "answered" if answers else "skipped" if result.skipped else "not_reached"
    )
    return QuestionReport(
        number=number,
        id=question.id,
        level=question.level.value,
        text=question.text,
        sample_answer=question.sample_answer,
        status=status,
        best_coverage=result.best_coverage,
        live_best_coverage=max((a.as_given.score.coverage for _, a in answers), default=None),
        answers=tuple(attempt_report(a, n, n == best) for n, a in answers),
        follow_ups=tuple(
            attempt_report(a, n, False) for n, a in attempts if a.kind == "follow_up"
        ),
    )


def attempt_report(attempt: Attempt, number: int, best: bool) -> AttemptReport:
    """One attempt's current feedback, and the live one when it was re-scored."""
    original = attempt.original
    return AttemptReport(
        number=number,
        kind=attempt.kind,
        follow_up_concept=attempt.follow_up_concept,
        mode=attempt.mode,
        started_at=attempt.started_at,
        duration_s=attempt.duration_s,
        audio_file=attempt.audio_file,
        warning=attempt.warning,
        best=best,
        current=scored_text(attempt.text, attempt.score),
        original=None if original is None else scored_text(original.text, original.score),
        original_model=None if original is None else original.model,
        rescored_at=attempt.rescored_at,
    )


def scored_text(text: str, score: Score) -> ScoredText:
    """A text with its score's findings located in it and cut into highlighted pieces."""
    # Spans index the text that was scored; older files may not have stored it.
    text = score.text or text
    covered = tuple(
        CoveredConcept(m.concept.label, m.concept.weight.value, m.alias, m.similarity,
                       locate(text, m.span), m.named_once)
        for m in score.matched
    )
    wrong = tuple(
        FoundMisconception(h.concept.label, h.misconception.label, locate(text, h.span))
        for h in score.misconceptions
    )
    marks = [mark(c.where, "concept", c.label) for c in covered]
    marks += [mark(w.where, "misconception", w.label) for w in wrong]
    return ScoredText(
        text=text,
        pieces=pieces(text, marks),
        coverage=score.coverage,
        penalty=score.penalty,
        covered=covered,
        missed=tuple(
            MissedConcept(m.concept.label, m.concept.weight.value, m.sample_sentence)
            for m in score.missed
        ),
        misconceptions=wrong,
        delivery=score.delivery,
        fillers=tuple(locate(text, span) for span in score.delivery.fillers),
    )
