"""Pure formatting for the screens: figures, bars and the highlighted transcript.

No textual here (only rich's Text, which textual renders), so it is unit-tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text

from interviewer.models import Span

PACE_BAND = (120.0, 160.0)  # words per minute that sound unhurried but fluent in interviews
FILLERS_PER_MINUTE_OK = 4.0  # about one "um" every 15 s goes unnoticed
LONG_PAUSE_S = 4.0
SLOW_START_S = 5.0

_EIGHTHS = " ▏▎▍▌▋▊▉█"


def percent(fraction: float | None) -> str:
    """0.625 -> '62%'; None -> '—' (not answered)."""
    if fraction is None:
        return "—"
    return f"{round(max(0.0, min(1.0, fraction)) * 100)}%"


def clock(seconds: float | None) -> str:
    """Elapsed seconds as m:ss (or h:mm:ss); None -> '—'."""
    if seconds is None:
        return "—"
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds(value: float | None) -> str:
    """A short duration like '2.3 s'; None -> '—'."""
    return "—" if value is None else f"{value:.1f} s"


def bar(fraction: float, width: int) -> str:
    """A horizontal bar `width` cells wide, filled to `fraction` with eighth-cell precision."""
    width = max(0, width)
    fraction = max(0.0, min(1.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full
    if part and full < width:
        text += _EIGHTHS[part]
    return text.ljust(width, " ")


def bar_text(fraction: float, width: int, style: str, track: str = "grey23") -> Text:
    """`bar` in `style` on a visible track, so an empty or short bar still shows its scale."""
    cells = bar(fraction, width)
    return Text(cells, style=f"{style} on {track}")


def coverage_style(fraction: float | None) -> str:
    """Colour for a coverage figure: red below 40%, yellow below 70%, green above."""
    if fraction is None:
        return "dim"
    if fraction < 0.4:
        return "red"
    if fraction < 0.7:
        return "yellow"
    return "green"


def pace_verdict(wpm: float | None, band: tuple[float, float] = PACE_BAND) -> tuple[str, str]:
    """('too slow' | 'in range' | 'too fast' | 'not timed', style) for a speaking pace."""
    if wpm is None:
        return "not timed", "dim"
    low, high = band
    if wpm < low:
        return "slow", "yellow"
    if wpm > high:
        return "fast", "yellow"
    return "in range", "green"


def highlight(text: str, hits: Iterable[Span], fillers: Iterable[Span] = ()) -> Text:
    """The answer text with concept hits in bold green and fillers struck through in yellow.

    Spans are character offsets into `text`; ones outside it (a re-scored text, say) are
    ignored rather than raising, since the display must never crash on stale offsets.
    """
    out = Text(text)
    for span, style in [(s, "strike yellow") for s in fillers] + [
        (s, "bold green underline") for s in hits
    ]:
        if 0 <= span.start < span.end <= len(text):
            out.stylize(style, span.start, span.end)
    return out


def level_cells(rms: float, width: int) -> tuple[str, str]:
    """A microphone level bar and its colour. Speech RMS sits around 0.02-0.3, so the bar
    uses a square-root scale to make quiet speech visible and saturates at 0.5."""
    scaled = min(1.0, (max(0.0, rms) / 0.5) ** 0.5)
    style = "red" if rms >= 0.45 else "green" if scaled > 0.15 else "dim"
    return bar(scaled, width), style


def display_path(path: Path) -> str:
    """The path with the home folder written as ~, as people type it."""
    try:
        return "~/" + str(path.expanduser().relative_to(Path.home()))
    except ValueError:
        return str(path)
