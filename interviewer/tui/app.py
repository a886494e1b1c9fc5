"""The interviewer app: home → question → (follow-up) → feedback → … → summary.

The app owns the running InterviewSession and the speech services; screens are views
that call back into it. Everything blocking runs in thread workers; their results come
back as messages (post_message and call_from_thread are the only thread-safe entries).
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from interviewer import settings as settings_mod
from interviewer.errors import UserError
from interviewer.models import Bank
from interviewer.services import Services, services_from_env
from interviewer.settings import Settings
from interviewer.tui.capture import Throttle, one_line
from interviewer.tui.flow import InterviewFlowMixin
from interviewer.tui.messages import ModelProgress, ModelReady
from interviewer.tui.workers import tracked

if TYPE_CHECKING:
    from interviewer.doctor import CheckResult
    from interviewer.session.flow import InterviewSession
    from interviewer.session.history import History
    from interviewer.tui.screens.home import HomeScreen

ServicesFactory = Callable[[Settings], Services]


class InterviewApp(InterviewFlowMixin, App[None]):
    """Rehearse an interview out loud: the Textual front end over interviewer.session."""

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))  # absolute: subclasses live elsewhere
    TITLE = "interviewer"
    SUB_TITLE = "AI/ML mock interview"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True)
    ]

    def __init__(
        self,
        settings: Settings,
        *,
        services_factory: ServicesFactory = services_from_env,
        bank: Bank | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
        config_path: Path | None = None,
        start_screen: Callable[[], Screen[None]] | None = None,
    ) -> None:
        """`services_factory` builds the speech parts (fakes in tests and demos); `clock`
        drives the elapsed-time display (fixed in snapshot tests); `config_path` is where the
        settings screen saves (the user's config file by default). `start_screen` makes the
        app show that screen instead of home (e.g. `interviewer replay`), without the
        readiness checks and model load home needs."""
        super().__init__()
        self.settings = settings
        self.services_factory = services_factory
        self.rng = rng or random.Random()
        self.clock = clock
        self.config_path = config_path
        self._bank = bank
        self._services: Services | None = None
        self._services_lock = threading.Lock()
        # Held by worker threads around say() and record(), which must not overlap.
        self.speaker_lock = threading.Lock()
        self.recorder_lock = threading.Lock()
        self.checks: list[CheckResult] | None = None
        self.history: History | None = None
        self.model_state = "idle"  # idle | loading | ready | failed
        self.model_detail = ""
        self.session: InterviewSession | None = None
        self.answer_mode = settings.answer_mode
        self.tts_warned = False
        self.home: HomeScreen | None = None
        self.start_screen = start_screen

    # --- resources -------------------------------------------------------------------

    @property
    def bank(self) -> Bank:
        """The question bank named by the settings, loaded on first use."""
        if self._bank is None:
            from interviewer.bank import load_bank

            self._bank = load_bank(self.settings.bank or None)
        return self._bank

    @property
    def services(self) -> Services:
        """The speech parts, built on first use (from whichever thread gets there first)."""
        with self._services_lock:
            if self._services is None:
                self._services = self.services_factory(self.settings)
            return self._services

    # --- start-up --------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """The home screen is the bottom of the stack; interviews are pushed over it."""
        if self.start_screen is not None:
            return self.start_screen()
        from interviewer.tui.screens.home import HomeScreen

        self.home = HomeScreen()
        return self.home

    def on_mount(self) -> None:
        """The home screen is up; check devices and load the model in the background."""
        if self.start_screen is None:
            self.call_after_refresh(self.refresh_readiness)

    def refresh_readiness(self) -> None:
        """(Re)run the doctor checks and, in voice mode, load the speech model."""
        self.checks = None
        self._update_home()
        self._check_readiness()
        self._load_history()
        if self.answer_mode == "voice":
            self.load_model()

    def load_model(self) -> None:
        """Start loading the speech model unless it is loading or loaded already."""
        if self.model_state in ("loading", "ready"):
            return
        self.model_state = "loading"
        self.model_detail = "Loading speech model…"
        self._update_home()
        self._load_model()

    @work(thread=True, group="readiness", exclusive=True, exit_on_error=False)
    @tracked
    def _check_readiness(self) -> None:
        try:
            results = self.services.readiness(self.settings)
        except Exception as exc:  # a broken check must not hide the app
            from interviewer.doctor import CheckResult

            results = [CheckResult("checks", False, one_line(exc), "run `interviewer doctor`")]
        self.call_from_thread(self._set_checks, results)

    def _set_checks(self, results: list[CheckResult]) -> None:
        self.checks = results
        self._update_home()

    @work(thread=True, group="history", exclusive=True, exit_on_error=False)
    @tracked
    def _load_history(self) -> None:
        from interviewer.session.history import History
        from interviewer.session.storage import SessionStore

        history = History.load(SessionStore(self.settings.sessions_dir()))
        self.call_from_thread(self._set_history, history)

    def _set_history(self, history: History) -> None:
        self.history = history
        self._update_home()

    @work(thread=True, group="model", exclusive=True, exit_on_error=False)
    @tracked
    def _load_model(self) -> None:
        """Import whisper/torch and load the weights (downloading them if needed)."""
        throttle = Throttle(10.0)

        def progress(done: int, total: int) -> None:
            if done >= total or throttle.ready():
                self.post_message(ModelProgress(done, total))

        transcriber = self.services.transcriber
        try:
            transcriber.load(progress)
        except Exception as exc:  # shown with a hint; typed mode still works
            self.post_message(ModelReady(transcriber.model_name, one_line(exc)))
            return
        self.post_message(ModelReady(transcriber.model_name))

    def on_model_progress(self, message: ModelProgress) -> None:
        """Download progress for the readiness panel."""
        if self.home is not None:
            self.home.show_download(message.done, message.total)
        if message.total and message.done < message.total:
            mb = 1_000_000
            self.model_detail = (
                f"Downloading speech model… {message.done // mb} of {message.total // mb} MB"
            )
        else:
            self.model_detail = "Loading speech model…"
        self._update_home()

    def on_model_ready(self, message: ModelReady) -> None:
        """The model loaded (or could not be)."""
        if message.model != self.services.transcriber.model_name:
            return  # a load started before the model setting changed
        if message.error:
            self.model_state = "failed"
            self.model_detail = f"Speech model unavailable: {message.error}"
        else:
            self.model_state = "ready"
            self.model_detail = f"Speech model {message.model} loaded"
        if self.home is not None:
            self.home.show_download(0, 0)
        self._update_home()

    def _update_home(self) -> None:
        if self.home is not None and self.home.is_mounted:
            self.home.update_readiness()

    # --- settings ----------------------------------------------------------------------

    def apply_settings(self, settings: Settings, *, save: bool) -> None:
        """Use new settings; rebuild the speech parts if any of theirs changed."""
        speech_fields = (
            "voice", "rate", "model", "input_device", "output_device",
            "pause_seconds", "max_answer_seconds",
        )
        changed = {
            f.name for f in fields(Settings)
            if getattr(settings, f.name) != getattr(self.settings, f.name)
        }
        if save:
            self._save_settings(settings, changed)
        self.settings = settings
        self.answer_mode = settings.answer_mode
        if changed & set(speech_fields):
            with self._services_lock:
                self._services = None
            if "model" in changed:
                self.model_state = "idle"
                self.model_detail = ""
            self.refresh_readiness()
        elif "data_dir" in changed:
            self._load_history()  # weakest-first reads the sessions in the new folder

    def _save_settings(self, settings: Settings, changed: set[str]) -> None:
        """Write only what was changed on top of the config file, so options given on
        this run's command line are not made permanent by accident."""
        on_file = settings_mod.load(self.config_path)
        updated = on_file.replace(**{name: getattr(settings, name) for name in changed})
        try:
            path = settings_mod.save(updated, self.config_path)
        except OSError as exc:
            where = self.config_path or "the config file"
            raise UserError(f"{where}: cannot save settings ({exc.strerror or exc})") from None
        self.notify(f"Settings saved to {path}", timeout=4)

    def warn_tts_once(self, message: str) -> None:
        """One warning per run when questions cannot be spoken; they stay readable."""
        if self.tts_warned:
            return
        self.tts_warned = True
        self.notify(
            f"{message}. Questions are shown as text only.",
            title="Voice unavailable", severity="warning", timeout=8,
        )

    def show_error(self, message: str, *, title: str = "Problem") -> None:
        """A one-line error with its hint, as a notification (never a traceback)."""
        self.notify(message, title=title, severity="error", timeout=10)

    # --- leaving -------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Stop audio, mark a running session as ended (its answers are saved), and exit."""
        abandon = getattr(self.screen, "abandon", None)
        if callable(abandon):
            abandon()  # an answer in progress is dropped, not transcribed on the way out
        self.stop_audio()
        if self.session is not None and not self.session.is_finished:
            # Every answer was saved when it was given; this only marks the end.
            with contextlib.suppress(UserError):
                self.session.finish()
        self.exit()

    def stop_audio(self) -> None:
        """Interrupt any speaking, recording or playback (thread-safe stops)."""
        if self._services is None:
            return
        for part in (self._services.speaker, self._services.recorder, self._services.player):
            part.stop()
