"""Home: choose the interview, see whether microphone, voice and model are ready, read a tip."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from interviewer.settings import LEVEL_CHOICES
from interviewer.tui.widgets.choice import ChoiceRow
from interviewer.tui.widgets.readiness import ReadinessPanel

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewApp

_ORDER_LABELS = {"random": "random", "in-order": "in order", "weakest-first": "weakest first"}
_MAX_QUESTIONS = 45
_ROW_SETTINGS = {
    "level": "level",
    "count": "question_count",
    "order": "order",
    "mode": "answer_mode",
    "speak": "speak_questions",
}


class HomeScreen(Screen[None]):
    """The first screen: everything here is reachable with one key (shown in the footer)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        # Each choice row shows its own key beside it, so the footer leaves them out and
        # keeps room at 80 columns for the keys shown nowhere else.
        Binding("l", "cycle('level')", "Level", show=False),
        Binding("n", "cycle('count')", "Count", show=False),
        Binding("o", "cycle('order')", "Order", show=False),
        Binding("m", "cycle('mode')", "Mode", show=False),
        Binding("v", "cycle('speak')", "Voice", show=False),
        Binding("s", "settings", "Settings"),
        Binding("p", "progress", "Progress"),
        Binding("h", "sessions", "Sessions"),
        Binding("t", "next_tip", "Tip"),
        Binding("q", "app.quit", "Quit"),
    ]

    app: InterviewApp  # type: ignore[assignment]

    def __init__(self) -> None:
        """Choices start from the effective settings (config file + command line)."""
        super().__init__()
        self._tip = 0

    def compose(self) -> ComposeResult:
        """Choices and readiness side by side, a tip underneath."""
        s = self.app.settings
        yield Header()
        with Horizontal(id="home-top"):
            with Vertical(id="choices", classes="panel") as choices:
                choices.border_title = "Your interview"
                yield ChoiceRow(
                    "Level", [(v, v) for v in LEVEL_CHOICES], s.level, key="l", id="level"
                )
                yield ChoiceRow(
                    "Questions",
                    [(str(n), str(n)) for n in range(1, _MAX_QUESTIONS + 1)],
                    str(s.question_count), key="n", id="count",
                )
                yield ChoiceRow(
                    "Order", list(_ORDER_LABELS.items()), s.order, key="o", id="order"
                )
                yield ChoiceRow(
                    "Answer by", [("voice", "speaking"), ("typed", "typing")], s.answer_mode,
                    key="m", id="mode",
                )
                yield ChoiceRow(
                    "Read aloud", [("on", "on"), ("off", "off")],
                    "on" if s.speak_questions else "off", key="v", id="speak",
                )
                yield Static(id="start-hint")
            with Vertical(id="readiness-box", classes="panel") as box:
                box.border_title = "Ready?"
                yield ReadinessPanel(id="readiness")
        with VerticalScroll(id="tips", classes="panel"):
            yield Static(id="tip")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fill in the parts that depend on state: start hint, tip, readiness."""
        self.query_one("#level", ChoiceRow).focus()
        self._show_tip()
        self.update_readiness()

    # --- choices -----------------------------------------------------------------------

    def action_cycle(self, row_id: str) -> None:
        """A choice's letter key: step it to its next value."""
        self.query_one(f"#{row_id}", ChoiceRow).cycle()

    @on(ChoiceRow.Changed)
    def _choice_changed(self, event: ChoiceRow.Changed) -> None:
        app = self.app
        value = event.value
        name = _ROW_SETTINGS[event.row.id or ""]
        converted: object = value
        if name == "question_count":
            converted = int(value)
        elif name == "speak_questions":
            converted = value == "on"
        app.settings = app.settings.replace(**{name: converted})
        if event.row.id == "mode":
            app.answer_mode = value
            if value == "voice":
                app.load_model()
        self.update_readiness()

    # --- readiness ---------------------------------------------------------------------

    def update_readiness(self) -> None:
        """Redraw checks, model state, the order note and the start hint from app state."""
        app = self.app
        panel = self.query_one(ReadinessPanel)
        if app.checks is not None:
            panel.show_checks(app.checks, typed=app.answer_mode == "typed")
        style = {"failed": "red", "ready": "green"}.get(app.model_state, "yellow")
        if app.answer_mode == "typed" and app.model_state != "ready":
            panel.show_model("Typed answers: no speech model needed", "dim")
        else:
            panel.show_model(app.model_detail or "Speech model loads when needed", style)
        self.query_one("#order", ChoiceRow).set_note(self._order_note())
        self.query_one("#start-hint", Static).update(self._start_hint())

    def _order_note(self) -> str:
        from interviewer.session.picker import fallback_reason

        app = self.app
        if app.settings.order != "weakest-first" or app.history is None:
            return ""
        return "no history yet: random" if fallback_reason("weakest-first", app.history) else ""

    def _start_hint(self) -> Text:
        """Enter to start, or why voice mode will not work and what to press instead."""
        text = Text()
        problem = self._voice_problem()
        if problem and self.app.answer_mode == "voice":
            text.append(f"{problem}.", style="yellow")
            text.append(" Press ")
            text.append("m", style="bold reverse")
            text.append(" to answer by typing.\n")
        text.append("Press ")
        text.append(" enter ", style="bold reverse")
        text.append(" to start.")
        return text

    def _voice_problem(self) -> str | None:
        """Why spoken answers cannot work now: no microphone, or no speech model."""
        app = self.app
        for result in app.checks or []:
            if result.name in ("input", "microphone") and not result.ok:
                return "No microphone"
        if app.model_state == "failed":
            return "No speech model"
        for result in app.checks or []:
            if result.name == "model" and not result.ok:
                return "No speech model"
        return None

    def show_download(self, done: int, total: int) -> None:
        """Forwarded model download progress."""
        self.query_one(ReadinessPanel).show_download(done, total)

    # --- tips, settings, start ---------------------------------------------------------

    def _show_tip(self) -> None:
        tips = self.app.bank.tips
        tip_box = self.query_one("#tips")
        if not tips:
            tip_box.display = False
            return
        tip = tips[self._tip % len(tips)]
        tip_box.border_title = f"Tip {self._tip % len(tips) + 1} of {len(tips)}: {tip.title}"
        self.query_one("#tip", Static).update(Text(tip.text.strip()))

    def action_next_tip(self) -> None:
        """Show the next preparation tip."""
        self._tip += 1
        self._show_tip()

    def action_settings(self) -> None:
        """Open the settings screen."""
        from interviewer.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_sessions(self) -> None:
        """Open the list of saved sessions (enter replays one)."""
        from interviewer.tui.screens.sessions import SessionsScreen

        self.app.push_screen(SessionsScreen())

    def action_progress(self) -> None:
        """Open the progress screen: coverage over past sessions."""
        from interviewer.tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_start(self) -> None:
        """Begin the interview with the choices shown."""
        self.app.start_session()
