"""The replay screen's lines as rich Text: where we are, the attempts, the legend. No textual."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from interviewer.session.records import SavedSession
from interviewer.tui.replay_steps import ReplayStep
from interviewer.tui.widgets.spoken import SPOKEN_STYLE


def progress_text(saved: SavedSession, step: ReplayStep) -> Text:
    """` Replay · question 1 of 3   beginner · beginner-01 · 2026-03-02 09:30`."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(
        f" Replay · question {step.number} of {len(saved.questions)} ", style="bold reverse"
    )
    when = saved.created_at[:16].replace("T", " ")
    text.append(f"  {step.question.level.value} · {step.question.id} · {when}", style="dim")
    return text


def attempts_text(steps: Sequence[ReplayStep], step: ReplayStep) -> Text:
    """The question's attempts side by side, the one shown reversed; or why there is none."""
    text = Text()
    if step.attempt is None:
        what = "Skipped" if step.kind == "skipped" else "Not answered"
        text.append(f" {what} ", style="bold reverse")
        text.append("  no answer was given", style="dim")
        return text
    for other in steps:
        if other.number == step.number:
            text.append(f" {other.label} ", style="bold reverse" if other is step else "dim")
            text.append(" ")
    if step.attempt_count > 1:
        text.append(f" {step.attempt_number} of {step.attempt_count}", style="dim")
    return text


def transcript_legend(*, spoken_words: bool) -> Text:
    """What the transcript's highlights mean; the spoken word only when it can light up."""
    legend = Text("\n")
    legend.append("key concept", style="bold green underline")
    legend.append("  ·  ", style="dim")
    legend.append("filler", style="strike yellow")
    if spoken_words:
        legend.append("  ·  ", style="dim")
        legend.append("word being spoken", style=SPOKEN_STYLE)
    return legend
