"""silence_stderr: native writes to fd 2 vanish inside, and stderr is whole again after."""

from __future__ import annotations

import os
import threading

from speech.quiet import silence_stderr


def test_fd2_writes_are_dropped_inside_and_kept_outside(capfd) -> None:
    os.write(2, b"before\n")
    with silence_stderr():
        os.write(2, b"ALSA lib pcm.c: Unknown PCM cards.pcm.rear\n")
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "before\nafter\n"


def test_nested_blocks_restore_only_at_the_outermost_exit(capfd) -> None:
    with silence_stderr():
        with silence_stderr():
            os.write(2, b"inner\n")
        os.write(2, b"outer, still silenced\n")
    os.write(2, b"restored\n")
    assert capfd.readouterr().err == "restored\n"


def test_overlapping_threads_leave_stderr_restored(capfd) -> None:
    first_in = threading.Event()
    second_in = threading.Event()
    first_out = threading.Event()

    def first() -> None:
        with silence_stderr():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with silence_stderr():
            second_in.set()
            first_out.wait(5)  # leaves after `first`, which entered before it
            os.write(2, b"noise while the other thread already left\n")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    os.write(2, b"visible\n")
    assert capfd.readouterr().err == "visible\n"


def test_restored_after_an_exception(capfd) -> None:
    try:
        with silence_stderr():
            raise ValueError("boom")
    except ValueError:
        pass
    os.write(2, b"visible\n")
    assert capfd.readouterr().err == "visible\n"
