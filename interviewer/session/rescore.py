"""Re-scoring a saved session with the current bank, and optionally with new transcripts.

Rules:
- Attempts are scored exactly as the live session scored them: answers against the whole
  question, follow-ups for their concept only, spoken ones with their transcript's timing.
- An attempt whose text, transcript and score come out as saved is left exactly as it was.
- The first time an attempt changes, what was given live goes into `original`; later
  re-scores keep that original and replace only the current text, transcript and score.
- Attempts whose question or follow-up concept the bank no longer has are kept as they
  were, with the reason.
- A question with a changed attempt is stored as the bank has it now, plus any concept (or
  misconception) that a kept or original score still names, so session.json keeps reading
  without the bank.
- Nothing is written until everything is scored; then session.json is replaced in one
  atomic rename, and only if the file was not changed meanwhile (e.g. by a running app).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from interviewer.errors import SessionError, UnknownQuestion
from interviewer.models import Bank, Concept, Question, Score
from interviewer.scoring import score_answer
from interviewer.scoring.serialize import score_to_dict
from interviewer.session.flow import NO_SPEECH_WARNING
from interviewer.session.followup import score_follow_up
from interviewer.session.records import Attempt, SavedSession
from interviewer.session.storage import SESSION_FILE, SessionFolder, now_iso
from interviewer.session.summary import overall_coverage, question_results
from speech.types import Transcript

FileStamp = tuple[int, int, int]


@dataclass(frozen=True)
class Rescored:
    """One attempt before and after re-scoring.

    `after` is `before` itself when nothing changed or when the attempt was kept; `kept`
    says why the bank could not score it, `note` why it was not transcribed again.
    """

    position: int  # 1-based, in the session's order
    before: Attempt
    after: Attempt
    kept: str | None = None
    note: str | None = None

    @property
    def changed(self) -> bool:
        """Whether the attempt's text, transcript or score is new."""
        return self.after is not self.before


@dataclass(frozen=True)
class RescoreResult:
    """A whole session before and after re-scoring, attempt by attempt."""

    before: SavedSession
    after: SavedSession
    attempts: tuple[Rescored, ...]

    @property
    def changed(self) -> bool:
        """Whether anything would be written."""
        return any(r.changed for r in self.attempts)


@dataclass(frozen=True)
class QuestionChange:
    """How one question's figures moved. Coverage is the best answer's (None: no answer)."""

    question_id: str
    as_given: float | None
    before: float | None
    now: float | None
    changed: bool  # any of its attempts got a new text, transcript or score
    newly_covered: tuple[str, ...]  # concept labels, over its answers (not follow-ups)
    newly_missed: tuple[str, ...]
    follow_ups: tuple[tuple[int, str, float, float], ...]  # (position, concept, before, now)
    kept: tuple[tuple[int, str], ...]  # (position, why) of attempts the bank could not score
    notes: tuple[tuple[int, str], ...]  # (position, why) of attempts not transcribed again


def rescore_attempt(
    bank: Bank, attempt: Attempt, text: str | None = None, transcript: Transcript | None = None
) -> Score:
    """The attempt's score under `bank` (with `text`/`transcript` instead of its own when
    given); UnknownQuestion or KeyError (the follow-up's concept) when it cannot be scored."""
    question = bank.get(attempt.question_id)
    voice = attempt.mode == "voice"
    text = attempt.text if text is None else text
    transcript = (attempt.transcript if transcript is None else transcript) if voice else None
    duration = attempt.duration_s if voice else None
    if attempt.kind == "follow_up":
        concept = next((c for c in question.concepts if c.label == attempt.follow_up_concept), None)
        if concept is None:
            raise KeyError(attempt.follow_up_concept)
        return score_follow_up(question, concept, text, transcript=transcript, duration_s=duration)
    return score_answer(question, text, transcript=transcript, duration_s=duration)


def rescore_session(
    bank: Bank,
    saved: SavedSession,
    *,
    transcripts: Mapping[int, Transcript] | None = None,
    notes: Mapping[int, str] | None = None,
    now: str | None = None,
) -> RescoreResult:
    """Every attempt of `saved` scored again with `bank`; nothing is written.

    `transcripts` are new transcripts of spoken attempts, by 1-based position; `notes`
    explain, by position, why an attempt was not transcribed again. `now` stamps changed
    attempts' `rescored_at` (the current time by default).
    """
    transcripts = transcripts or {}
    notes = notes or {}
    stamp = now or now_iso()
    results = []
    for position, attempt in enumerate(saved.attempts, start=1):
        new_transcript = transcripts.get(position) if attempt.mode == "voice" else None
        note = notes.get(position)
        try:
            after = _rescored(bank, attempt, new_transcript, stamp)
        except UnknownQuestion:
            kept = f"question {attempt.question_id} is not in this bank"
            results.append(Rescored(position, attempt, attempt, kept, note))
        except KeyError:
            kept = f"concept {attempt.follow_up_concept!r} is no longer in the bank"
            results.append(Rescored(position, attempt, attempt, kept, note))
        else:
            results.append(Rescored(position, attempt, after, None, note))
    return RescoreResult(saved, _updated_session(bank, saved, results), tuple(results))


def _rescored(bank: Bank, attempt: Attempt, transcript: Transcript | None, now: str) -> Attempt:
    """The attempt re-scored (with `transcript`, if new); itself when nothing changed."""
    text = attempt.text if transcript is None else transcript.text
    current = attempt.transcript if transcript is None else transcript
    score = rescore_attempt(bank, attempt, text, current)
    same = (
        text == attempt.text
        and current == attempt.transcript
        # Compared as stored: the bank's concept objects may differ in aliases only.
        and score_to_dict(score) == score_to_dict(attempt.score)
    )
    if same:
        return attempt
    return replace(
        attempt,
        text=text,
        transcript=current,
        score=score,
        warning=_warning(attempt.warning, transcript),
        original=attempt.original if attempt.original is not None else attempt.as_given,
        rescored_at=now,
    )


def _warning(warning: str | None, transcript: Transcript | None) -> str | None:
    """The live session's "no speech" warning, brought in line with a new transcript."""
    if transcript is None:
        return warning
    if transcript.no_speech and warning is None:
        return NO_SPEECH_WARNING
    if not transcript.no_speech and warning == NO_SPEECH_WARNING:
        return None
    return warning


def _updated_session(bank: Bank, saved: SavedSession, results: list[Rescored]) -> SavedSession:
    attempts = tuple(r.after for r in results)
    touched = {r.after.question_id for r in results if r.changed}
    questions = []
    for question in saved.questions:
        if question.id in touched:
            scores = _stored_scores(a for a in attempts if a.question_id == question.id)
            question = merged_question(bank.get(question.id), question, scores)
        questions.append(question)
    return replace(saved, attempts=attempts, questions=tuple(questions))


def _stored_scores(attempts: Iterable[Attempt]) -> list[Score]:
    scores = []
    for attempt in attempts:
        scores.append(attempt.score)
        if attempt.original is not None:
            scores.append(attempt.original.score)
    return scores


def merged_question(current: Question, previous: Question, scores: Iterable[Score]) -> Question:
    """`current` (the bank's question), plus whatever concepts and misconceptions of
    `previous` (the stored one) that `scores` name and `current` no longer has.

    session.json resolves every stored score's concept labels against the stored question,
    so an original score made with an older bank must still find its concepts there.
    """
    needed: dict[str, set[str]] = {}
    for score in scores:
        for concept in [m.concept for m in score.matched] + [m.concept for m in score.missed]:
            needed.setdefault(concept.label, set())
        for hit in score.misconceptions:
            needed.setdefault(hit.concept.label, set()).add(hit.misconception.label)
    concepts = list(current.concepts)
    index = {c.label: i for i, c in enumerate(concepts)}
    for old in previous.concepts:
        if old.label not in needed:
            continue
        if old.label not in index:
            index[old.label] = len(concepts)
            concepts.append(old)
            continue
        concepts[index[old.label]] = _with_misconceptions(
            concepts[index[old.label]], old, needed[old.label]
        )
    return replace(current, concepts=tuple(concepts))


def _with_misconceptions(concept: Concept, old: Concept, labels: set[str]) -> Concept:
    have = {m.label for m in concept.misconceptions}
    extra = tuple(m for m in old.misconceptions if m.label in labels and m.label not in have)
    return replace(concept, misconceptions=concept.misconceptions + extra) if extra else concept


# --- what changed ---------------------------------------------------------------------


def question_changes(result: RescoreResult) -> tuple[QuestionChange, ...]:
    """One entry per question with attempts, in the order asked."""
    changes = []
    for question in result.after.questions:
        rows = [r for r in result.attempts if r.before.question_id == question.id]
        if not rows:
            continue
        answers = [r for r in rows if r.before.kind == "answer"]
        order = {c.label: i for i, c in enumerate(question.concepts)}
        covered_before, missed_before = _concepts(r.before.score for r in answers)
        covered_now, missed_now = _concepts(r.after.score for r in answers)
        changes.append(
            QuestionChange(
                question_id=question.id,
                as_given=_best(r.before.as_given.score for r in answers),
                before=_best(r.before.score for r in answers),
                now=_best(r.after.score for r in answers),
                changed=any(r.changed for r in rows),
                newly_covered=_ordered(covered_now - covered_before, order),
                newly_missed=_ordered(missed_now - missed_before, order),
                follow_ups=tuple(
                    (r.position, str(r.before.follow_up_concept),
                     r.before.score.coverage, r.after.score.coverage)
                    for r in rows
                    if r.before.kind == "follow_up"
                    and r.before.score.coverage != r.after.score.coverage
                ),
                kept=tuple((r.position, r.kept) for r in rows if r.kept),
                notes=tuple((r.position, r.note) for r in rows if r.note),
            )
        )
    return tuple(changes)


def overall_change(result: RescoreResult) -> tuple[float, float, float]:
    """Overall coverage (summary rules) as given live, before this re-score, and now."""
    given = replace(
        result.before,
        attempts=tuple(replace(a, score=a.as_given.score) for a in result.before.attempts),
    )
    return tuple(  # type: ignore[return-value]
        overall_coverage(question_results(s)) for s in (given, result.before, result.after)
    )


def _best(scores: Iterable[Score]) -> float | None:
    return max((s.coverage for s in scores), default=None)


def _concepts(scores: Iterable[Score]) -> tuple[set[str], set[str]]:
    """(labels any attempt covered, labels missed and never covered)."""
    covered: set[str] = set()
    missed: set[str] = set()
    for score in scores:
        covered.update(m.concept.label for m in score.matched)
        missed.update(m.concept.label for m in score.missed)
    return covered, missed - covered


def _ordered(labels: set[str], order: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(labels, key=lambda label: (order.get(label, len(order)), label)))


# --- saving -----------------------------------------------------------------------------


def file_stamp(folder: Path) -> FileStamp | None:
    """Identity of the folder's session.json right now (None if it cannot be read)."""
    try:
        info = os.stat(Path(folder) / SESSION_FILE)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def save_rescored(result: RescoreResult, *, stamp: FileStamp | None = None) -> None:
    """Write the re-scored session over its session.json in one atomic replace.

    `stamp` (from file_stamp before the session was read) guards against overwriting a
    file changed since, e.g. by the app still running that session. SessionError (one
    line) when it cannot be written; the old file is then left whole.
    """
    from interviewer.session.serialize import session_from_dict, session_to_dict

    saved = replace(result.after, updated_at=now_iso())
    folder = saved.folder
    # Never replace a readable file with one that would not read back.
    session_from_dict(session_to_dict(saved), folder)
    if stamp is not None and file_stamp(folder) != stamp:
        raise SessionError(
            f"{folder / SESSION_FILE} changed while it was being re-scored (is that session"
            " still open in the app?); nothing was saved"
        )
    try:
        SessionFolder(folder).save(saved)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SessionError(
            f"{folder / SESSION_FILE}: cannot save the new scores ({reason}); the file is unchanged"
        ) from None
