"""The interview itself, as the app drives it: start, answer, follow-up, retry, skip,
next, end. Screens call these; the InterviewSession (core) does the scoring and saving."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from interviewer.errors import UserError

if TYPE_CHECKING:
    from interviewer.models import Bank
    from interviewer.services import Services
    from interviewer.session.flow import InterviewSession
    from interviewer.session.history import History
    from interviewer.session.records import FollowUp, SessionSummary
    from interviewer.settings import Settings
    from interviewer.tui.screens.question import QuestionScreen
    from speech.types import Transcript


class InterviewFlowMixin:
    """Navigation through one interview; mixed into InterviewApp, which provides the
    attributes declared here and Textual's screen and notification methods."""

    settings: Settings
    bank: Bank
    services: Services
    history: History | None
    rng: random.Random
    session: InterviewSession | None
    answer_mode: str

    def start_session(self) -> None:
        """Pick the questions, create the session folder, and ask the first question."""
        from interviewer.session.flow import InterviewSession
        from interviewer.session.picker import pick_questions
        from interviewer.session.storage import SessionStore

        s = self.settings
        try:
            questions = pick_questions(
                self.bank, level=s.level, count=s.question_count, order=s.order,
                history=self.history, rng=self.rng,
            )
            if not questions:
                raise UserError(f"the bank has no {s.level} questions")
            self.session = InterviewSession.start(
                self.bank, s, questions,
                model_name=self.services.transcriber.model_name,
                store=SessionStore(s.sessions_dir()),
            )
        except UserError as exc:
            self.notify(str(exc), title="Cannot start", severity="error", timeout=8)
            return
        self.answer_mode = s.answer_mode
        self.push_screen(self._question_screen())

    def _question_screen(
        self, *, follow_up: FollowUp | None = None, retry: bool = False
    ) -> QuestionScreen:
        from interviewer.tui.screens.question import question_screen

        session = self._require_session()
        question = session.current
        assert question is not None
        return question_screen(
            question,
            number=session.index + 1,
            total=len(session.questions),
            mode=self.answer_mode,
            follow_up=follow_up,
            speak=self.settings.speak_questions and not retry,
        )

    def _require_session(self) -> InterviewSession:
        if self.session is None:
            raise RuntimeError("no interview is running")
        return self.session

    def submit_answer(
        self,
        text: str,
        *,
        mode: str,
        follow_up: FollowUp | None = None,
        transcript: Transcript | None = None,
        audio_path: Path | None = None,
        duration_s: float | None = None,
        warning: str | None = None,
        allow_follow_up: bool = True,
    ) -> bool:
        """Score and save an answer (or a follow-up answer), then ask the follow-up or
        show the feedback. `allow_follow_up` is False after a microphone failure.
        False (with the reason shown) if it could not be saved."""
        session = self._require_session()
        question = session.current
        assert question is not None
        kwargs = dict(
            mode=mode, transcript=transcript, audio_path=audio_path,
            duration_s=duration_s, warning=warning,
        )
        try:
            if follow_up is None:
                attempt = session.submit_answer(text, **kwargs)
                ask = session.follow_up_for(attempt) if allow_follow_up else None
            else:
                session.submit_follow_up(follow_up, text, **kwargs)
                ask = None
        except UserError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return False
        if ask is not None:
            self.switch_screen(self._question_screen(follow_up=ask))
        else:
            self.show_feedback()
        return True

    def show_feedback(self) -> None:
        """The feedback screen for the current question's attempts."""
        from interviewer.tui.screens.feedback import FeedbackScreen

        session = self._require_session()
        question = session.current
        assert question is not None
        self.switch_screen(
            FeedbackScreen(
                question, session.attempts_for(question.id),
                number=session.index + 1, total=len(session.questions), folder=session.folder,
            )
        )

    def retry_question(self, mode: str | None = None) -> None:
        """Answer the current question again (all attempts are kept)."""
        if mode is not None:
            self.answer_mode = mode
        self.switch_screen(self._question_screen(retry=True))

    def skip_question(self) -> None:
        """Mark the current question skipped and move on."""
        session = self._require_session()
        try:
            session.skip()
        except UserError as exc:
            self.notify(str(exc), severity="error")
        self._after_move()

    def next_question(self) -> None:
        """Go on to the next question, or to the summary after the last one."""
        session = self._require_session()
        try:
            session.advance()
        except UserError as exc:
            self.notify(str(exc), severity="error")
        self._after_move()

    def _after_move(self) -> None:
        session = self._require_session()
        if session.is_finished:
            self.end_session()
        else:
            self.switch_screen(self._question_screen())

    def use_typed_mode(self) -> None:
        """Switch the rest of the session to typed answers (no microphone, or no model)."""
        self.answer_mode = "typed"

    def end_session(self) -> None:
        """Finish (or quit) the interview, save it, and show the summary."""
        session = self._require_session()
        try:
            summary = session.finish()
        except UserError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            summary = session.summary()
        self.show_summary(summary)

    def show_summary(self, summary: SessionSummary) -> None:
        """Replace the current screen with the summary of the running session."""
        from interviewer.tui.screens.summary import SummaryScreen

        session = self.session

        def export(path: Path) -> Path:
            from interviewer.reports.write import export_markdown

            return export_markdown(session, path)

        self.switch_screen(SummaryScreen(summary, export if session is not None else None))

    def back_home(self) -> None:
        """Leave the summary for the home screen, ready for another interview."""
        self.session = None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.refresh_readiness()

