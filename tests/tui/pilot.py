"""Helpers for driving the app with Textual's Pilot from plain (non-async) tests."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot

from interviewer.tui.app import InterviewApp

WAIT_S = 15.0  # generous: the machine is shared; nothing here measures speed


def run(
    app: InterviewApp,
    scenario: Callable[[Pilot], Awaitable[None]],
    size: tuple[int, int] = (100, 30),
    *,
    wait_for_start_up: bool = True,
) -> None:
    """Run `scenario` against the app headless (there is no pytest-asyncio here), by
    default once the start-up work (readiness checks, model load) has finished."""

    async def main() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            if wait_for_start_up:
                await settle(pilot)
            await scenario(pilot)

    asyncio.run(main())


async def until(pilot: Pilot, predicate: Callable[[], bool], what: str) -> None:
    """Let the app run until `predicate()` holds; fail naming `what` if it never does."""
    deadline = time.monotonic() + WAIT_S
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what} (screen: {screen_name(pilot)})")
        await pilot.pause(0.02)


async def settle(pilot: Pilot) -> None:
    """Wait for running workers (readiness, model) and the messages they posted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def on_screen(pilot: Pilot, name: str) -> None:
    """Wait until the screen class called `name` is showing."""
    await until(pilot, lambda: screen_name(pilot) == name, f"the {name}")


def screen_name(pilot: Pilot) -> str:
    """The class name of the screen on top."""
    return type(pilot.app.screen).__name__


def saved(app: InterviewApp) -> dict[str, Any]:
    """The running session's session.json as it is on disk."""
    assert app.session is not None
    return json.loads((app.session.folder / "session.json").read_text(encoding="utf-8"))


def notifications(app: InterviewApp) -> list[str]:
    """Messages of the notifications raised so far (still showing)."""
    return [n.message for n in app._notifications]


def session_folder(app: InterviewApp) -> Path:
    """The running session's folder."""
    assert app.session is not None
    return app.session.folder


def plain(app: InterviewApp, selector: str) -> str:
    """The text a Static on the current screen shows (tables included), without styles,
    whitespace (wrapping, alignment) collapsed to single spaces."""
    import io

    from rich.console import Console
    from textual.widgets import Static

    widget = app.screen.query_one(selector, Static)
    console = Console(width=max(widget.size.width, 40), file=io.StringIO(), record=True)
    console.print(widget.content)
    return " ".join(console.export_text().split())


def send_at_once(app: InterviewApp, text: str, *keys: str) -> None:
    """Queue `text` key by key, then `keys`, without letting the app run in between, as a
    quick typist, a busy machine or a terminal pasting without bracketed paste delivers
    them (`pilot.press` waits for the app after every key)."""
    driver = app._driver
    assert driver is not None, "the app is not running"
    typed = [events.Key("space" if c == " " else c, c) for c in text]
    for event in [*typed, *(events.Key(key, None) for key in keys)]:
        event.set_sender(app)
        driver.send_message(event)
