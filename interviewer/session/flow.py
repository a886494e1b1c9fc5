"""One interview in progress: which question is current, scoring answers, saving as it goes.

InterviewSession is a plain object driven by the UI thread (or a test). Every change
(answer, follow-up, skip, advance, finish) rewrites session.json atomically before the
call returns, so a crash loses at most the answer being given, whose audio the recorder
is already spooling to `next_audio_path()`.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, cast

from interviewer import __version__
from interviewer.errors import SessionError
from interviewer.models import Bank, Question, Score
from interviewer.scoring import score_answer
from interviewer.session.followup import make_follow_up, missed_core_concept, score_follow_up
from interviewer.session.records import (
    ANSWER_MODES,
    SCHEMA_VERSION,
    AnswerMode,
    Attempt,
    AttemptKind,
    FollowUp,
    SavedSession,
    SessionSummary,
)
from interviewer.session.storage import SessionFolder, SessionStore, now_iso
from interviewer.session.summary import summarise

if TYPE_CHECKING:
    from interviewer.settings import Settings
    from speech.types import Transcript

NO_SPEECH_WARNING = "no speech detected"


class InterviewSession:
    """A running interview. Not thread-safe: call it from one thread (the UI thread)."""

    def __init__(
        self,
        bank: Bank,
        settings: Settings,
        questions: list[Question] | tuple[Question, ...],
        *,
        folder: SessionFolder,
        model_name: str,
        created_at: str,
    ) -> None:
        """Use `start` instead: it creates the folder this wraps."""
        if not questions:
            raise ValueError("a session needs at least one question")
        self.bank = bank
        self.settings = settings
        self.questions: tuple[Question, ...] = tuple(questions)
        self.model_name = model_name
        self.index = 0
        self._folder = folder
        self._created_at = created_at
        self._attempts: list[Attempt] = []
        self._skipped: list[str] = []
        self._finished = False
        # Follow-ups handed out, by the position of the answer attempt they belong to.
        self._follow_ups: dict[int, FollowUp] = {}
        self._answered_follow_ups: set[int] = set()

    @classmethod
    def start(
        cls,
        bank: Bank,
        settings: Settings,
        questions: list[Question],
        *,
        model_name: str,
        store: SessionStore,
    ) -> InterviewSession:
        """Create the session folder and its first session.json, and begin at question 1."""
        if not questions:
            raise ValueError("a session needs at least one question")
        folder = store.create(settings, model_name, questions)
        return cls(
            bank,
            settings,
            questions,
            folder=folder,
            model_name=model_name,
            created_at=folder.created_at or now_iso(),
        )

    # --- where we are -----------------------------------------------------------------

    @property
    def folder(self) -> Path:
        """The session's folder."""
        return self._folder.path

    @property
    def id(self) -> str:
        """The session id (the folder's name)."""
        return self._folder.id

    @property
    def current(self) -> Question | None:
        """The question being asked, or None once the session is finished."""
        if self.is_finished:
            return None
        return self.questions[self.index]

    @property
    def is_finished(self) -> bool:
        """True after finish(), or once advance/skip moved past the last question."""
        return self._finished or self.index >= len(self.questions)

    @property
    def attempts(self) -> tuple[Attempt, ...]:
        """Every attempt so far, in order."""
        return tuple(self._attempts)

    def attempts_for(self, question_id: str) -> list[Attempt]:
        """All attempts at one question (retries and follow-ups kept), in order."""
        return [a for a in self._attempts if a.question_id == question_id]

    def next_audio_path(self) -> Path:
        """Where the recorder should spool the next spoken attempt (inside the folder)."""
        return self._folder.audio_path(len(self._attempts) + 1)

    # --- answering --------------------------------------------------------------------

    def submit_answer(
        self,
        text: str,
        *,
        mode: str,
        transcript: Transcript | None = None,
        audio_path: Path | None = None,
        duration_s: float | None = None,
        warning: str | None = None,
    ) -> Attempt:
        """Score `text` as an answer to the current question, keep it, and save.

        Typed answers are scored without timing (typing speed is not speaking pace); their
        `duration_s` is still recorded. A transcript with no speech gets the warning
        "no speech detected" unless another warning is given.
        """
        question = self._require_current()
        _check_mode(mode)
        timing = duration_s if mode == "voice" else None
        score = score_answer(
            question, text, transcript=transcript if mode == "voice" else None, duration_s=timing
        )
        attempt = self._record(
            question.id, "answer", None, mode, text, transcript, score,
            audio_path, duration_s, warning,
        )
        return attempt

    def follow_up_for(self, attempt: Attempt) -> FollowUp | None:
        """The follow-up to ask after `attempt`, or None.

        None when follow-ups are off, the attempt is not one of this session's answers, it
        missed no core concept, it was empty, or its follow-up was already answered.
        Asking again before the follow-up is answered returns the same FollowUp.
        """
        if not self.settings.follow_ups:
            return None
        position = self._position(attempt)
        if position is None or position in self._answered_follow_ups:
            return None
        if position in self._follow_ups:
            return self._follow_ups[position]
        concept = missed_core_concept(attempt)
        if concept is None:
            return None
        follow_up = make_follow_up(attempt.question_id, concept)
        self._follow_ups[position] = follow_up
        return follow_up

    def submit_follow_up(
        self,
        follow_up: FollowUp,
        text: str,
        *,
        mode: str,
        transcript: Transcript | None = None,
        audio_path: Path | None = None,
        duration_s: float | None = None,
        warning: str | None = None,
    ) -> Attempt:
        """Score `text` for the follow-up's concept only, keep it as a follow_up, and save."""
        _check_mode(mode)
        question = self._question(follow_up.question_id)
        score = score_follow_up(
            question,
            follow_up.concept,
            text,
            transcript=transcript if mode == "voice" else None,
            duration_s=duration_s if mode == "voice" else None,
        )
        for position, asked in self._follow_ups.items():
            if asked is follow_up or asked == follow_up:
                self._answered_follow_ups.add(position)
        return self._record(
            question.id, "follow_up", follow_up.concept.label, mode, text, transcript, score,
            audio_path, duration_s, warning,
        )

    # --- moving on --------------------------------------------------------------------

    def skip(self) -> None:
        """Mark the current question skipped, move to the next one, and save.

        A question that already has an answer still counts as answered in the summary.
        """
        question = self._require_current()
        if question.id not in self._skipped:
            self._skipped.append(question.id)
        self.index += 1
        self._save()

    def advance(self) -> None:
        """Move to the next question and save (past the last one the session is finished)."""
        self._require_current()
        self.index += 1
        self._save()

    def finish(self) -> SessionSummary:
        """End the session (also used to quit midway), save, and summarise it."""
        self._finished = True
        self._save()
        return self.summary()

    def summary(self) -> SessionSummary:
        """The summary of the session so far."""
        return summarise(self.snapshot())

    def snapshot(self) -> SavedSession:
        """The session as it is saved in session.json right now."""
        return SavedSession(
            id=self._folder.id,
            folder=self._folder.path,
            schema_version=SCHEMA_VERSION,
            app_version=__version__,
            created_at=self._created_at,
            updated_at=now_iso(),
            settings=_settings_dict(self.settings),
            model=self.model_name,
            questions=self.questions,
            attempts=tuple(self._attempts),
            skipped=tuple(self._skipped),
            position=min(self.index, len(self.questions)),
            finished=self.is_finished,
        )

    # --- internals --------------------------------------------------------------------

    def _require_current(self) -> Question:
        question = self.current
        if question is None:
            raise RuntimeError("the session is finished: there is no current question")
        return question

    def _question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        return self.bank.get(question_id)

    def _position(self, attempt: Attempt) -> int | None:
        for position, kept in enumerate(self._attempts):
            if kept is attempt:
                return position
        for position, kept in enumerate(self._attempts):
            if kept == attempt:
                return position
        return None

    def _record(
        self,
        question_id: str,
        kind: AttemptKind,
        concept_label: str | None,
        mode: str,
        text: str,
        transcript: Transcript | None,
        score: Score,
        audio_path: Path | None,
        duration_s: float | None,
        warning: str | None,
    ) -> Attempt:
        if warning is None and transcript is not None and transcript.no_speech:
            warning = NO_SPEECH_WARNING
        attempt = Attempt(
            question_id=question_id,
            kind=kind,
            follow_up_concept=concept_label,
            mode=cast(AnswerMode, mode),  # checked by _check_mode
            text=text,
            transcript=transcript,
            score=score,
            audio_file=self._adopt_audio(audio_path),
            started_at=_started_at(duration_s),
            duration_s=duration_s,
            warning=warning,
        )
        self._attempts.append(attempt)
        self._save()
        return attempt

    def _adopt_audio(self, audio_path: Path | None) -> str | None:
        """The audio's file name in the folder, copying it in if it was recorded elsewhere."""
        if audio_path is None:
            return None
        audio_path = Path(audio_path)
        if audio_path.parent.resolve() == self.folder.resolve():
            if not audio_path.exists():
                return None
            # The recorder creates the file with the umask's mode; answers are private.
            audio_path.chmod(0o600)
            return audio_path.name
        target = self._folder.audio_path(len(self._attempts) + 1)
        try:
            shutil.copyfile(audio_path, target)
            target.chmod(0o600)
        except OSError as exc:
            raise SessionError(
                f"{audio_path}: cannot copy the answer's audio ({exc.strerror})"
            ) from None
        return target.name

    def _save(self) -> None:
        try:
            self._folder.save(self.snapshot())
        except OSError as exc:
            raise SessionError(f"{self.folder}: cannot save the session ({exc.strerror})") from None


def _check_mode(mode: str) -> None:
    if mode not in ANSWER_MODES:
        raise ValueError(f"mode must be one of {ANSWER_MODES}, not {mode!r}")


def _started_at(duration_s: float | None) -> str:
    """When the attempt began: now, less its length when known."""
    end = datetime.now().astimezone()
    start = end - timedelta(seconds=duration_s) if duration_s else end
    return start.isoformat(timespec="seconds")


def _settings_dict(settings: Settings) -> dict[str, object]:
    return asdict(settings)

