"""Settings: voice, rate, model, devices, pause and answer length, follow-ups, data folder.

Saved to the TOML config file (interviewer.settings.save). Values are checked by the same
code that reads the config file and the command-line flags, so the messages match.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from interviewer import paths
from interviewer import settings as settings_mod
from interviewer.errors import UserError
from interviewer.tui.text import display_path
from interviewer.tui.widgets.choice import ChoiceRow

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewApp

# (setting, label, hint) for the text fields, in screen order.
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("voice", "Voice", "empty for the default; see `interviewer say --list-voices`"),
    ("rate", "Speaking rate", "words per minute the questions are read at, 50–400"),
    ("model", "Whisper model", "tiny.en, base.en, small.en… or the path of a checkpoint"),
    ("input_device", "Microphone", "device index or name, empty for the default"),
    ("output_device", "Speaker", "device index or name, empty for the default"),
    ("pause_seconds", "Pause ends answer", "seconds of silence after speech, 0.5–30"),
    ("max_answer_seconds", "Longest answer", "seconds before recording stops, 5–3600"),
    ("data_dir", "Data folder", "where sessions are saved, empty for the default"),
)
# (setting, label) for the on/off ones.
SWITCHES: tuple[tuple[str, str], ...] = (
    ("follow_ups", "Follow-ups"),
    ("auto_record", "Auto-record"),
)


def _shown(value: object) -> str:
    """A setting as typed in a field: floats without a pointless '.0'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SettingsScreen(Screen[None]):
    """Edit and save the settings; escape leaves without saving."""

    # ctrl+s is not a priority binding: one acts as the app reads the key, before the field
    # has taken the keys typed just ahead of it, and would save "21" of "210". No field binds
    # ctrl+s, so it reaches the screen after them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    app: InterviewApp  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        """A label, a one-line field and a hint per setting."""
        s = self.app.settings
        yield Static(Text(" Settings ", style="bold reverse"), id="progress")
        with VerticalScroll(id="settings-form"):
            for name, label, hint in TEXT_FIELDS:
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(_shown(getattr(s, name)), id=f"set-{name}", compact=True)
                yield Static(hint, classes="field-hint")
            for name, label in SWITCHES:
                yield ChoiceRow(
                    label, [("on", "on"), ("off", "off")],
                    "on" if getattr(s, name) else "off", label_width=20, label_style="bold",
                    id=f"set-{name}",
                )
            yield Static(self._where_text(), id="settings-where")
            yield Static(id="settings-error")
        yield Footer(compact=True)

    def _where_text(self) -> Text:
        path = self.app.config_path or paths.config_file()
        text = Text("Saved to ", style="dim")
        text.append(display_path(path))
        text.append(". Sessions go to ", style="dim")
        text.append(display_path(self.app.settings.sessions_dir()))
        text.append(". Every setting is also a command-line flag.", style="dim")
        return text

    def on_mount(self) -> None:
        """Start in the first field."""
        self.query_one("#settings-error").display = False
        self.query_one(f"#set-{TEXT_FIELDS[0][0]}", Input).focus()

    def edited(self) -> dict[str, str]:
        """The form's values, by setting name, as text (coerced by settings.from_mapping)."""
        values = {
            name: self.query_one(f"#set-{name}", Input).value.strip() for name, _, _ in TEXT_FIELDS
        }
        for name, _ in SWITCHES:
            values[name] = self.query_one(f"#set-{name}", ChoiceRow).value
        return values

    def action_save(self) -> None:
        """Check the values, save them, and go back; a bad value is named, nothing lost."""
        error = self.query_one("#settings-error", Static)
        try:
            new = settings_mod.from_mapping(self.edited(), self.app.settings, "settings")
            self.app.apply_settings(new, save=True)
        except UserError as exc:
            message = str(exc).removeprefix("settings: ")
            error.update(Text(message, style="bold red"))
            error.display = True
            self.app.show_error(message, title="Not saved")
            return
        self.app.pop_screen()

    def action_cancel(self) -> None:
        """Leave without saving."""
        self.app.pop_screen()
