"""Covered concepts (where they were said), missed ones (with the sample sentence that
explains them) and misconceptions, as rich renderables for Static widgets.

Each list is a two-column grid, so long sentences wrap under the text, not the marker.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from interviewer.models import ConceptMatch, ConceptMiss, MisconceptionHit, Weight
from interviewer.scoring.coverage import NAMED_ONCE_HINT, NAMED_ONCE_MARK


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=1)
    grid.add_column(ratio=1)
    return grid


def _label(label: str, weight: Weight, style: str) -> Text:
    text = Text()
    text.append(label, style=style)
    if weight is Weight.CORE:
        text.append(" (core)", style="bold")
    else:
        text.append(" (supporting)", style="dim")
    return text


def _quote(said: str) -> Text:
    return Text(f"“{' '.join(said.split())}”", style="italic")


def covered_text(matches: tuple[ConceptMatch, ...]) -> Table | Text:
    """`✓ chain rule (core) — “using the chain rule”`, one entry per covered concept."""
    if not matches:
        return Text("No key concepts recognised.", style="dim italic")
    grid = _grid()
    for match in matches:
        body = _label(match.concept.label, match.concept.weight, "green")
        if match.span.text.strip():
            body.append(" — you said ", style="dim")
            body.append_text(_quote(match.span.text))
        if match.named_once:
            body.append(f" · {NAMED_ONCE_MARK}", style="yellow")
        grid.add_row(Text("✓", style="bold green"), body)
    if any(m.named_once for m in matches):
        grid.add_row(Text(""), Text(NAMED_ONCE_HINT, style="dim italic"))
    return grid


def missed_text(misses: tuple[ConceptMiss, ...]) -> Table | Text:
    """`✗ learning rate (core)` and, below it, the sample answer's sentence."""
    if not misses:
        return Text("Nothing missed: every key concept was covered.", style="green italic")
    grid = _grid()
    for miss in misses:
        body = _label(miss.concept.label, miss.concept.weight, "red")
        sentence = " ".join(miss.sample_sentence.split())
        if sentence:
            body.append("\n")
            body.append(sentence, style="italic dim")
        grid.add_row(Text("✗", style="bold red"), body)
    return grid


def misconceptions_text(hits: tuple[MisconceptionHit, ...], penalty: float) -> Table | Text:
    """`⚠ describing k-NN (about k-means) — “k nearest neighbours”`, and the penalty."""
    if not hits:
        return Text("")
    grid = _grid()
    for hit in hits:
        body = Text()
        body.append(hit.misconception.label, style="yellow")
        body.append(f" (about {hit.concept.label})", style="dim")
        if hit.span.text.strip():
            body.append(" — you said ", style="dim")
            body.append_text(_quote(hit.span.text))
        grid.add_row(Text("⚠", style="bold yellow"), body)
    if penalty:
        grid.add_row("", Text(f"{round(penalty * 100)} points taken off coverage", style="dim"))
    return grid
