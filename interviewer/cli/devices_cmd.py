"""`interviewer devices`: list microphones and speakers, marking the defaults."""

from __future__ import annotations

import argparse

from interviewer.cli.context import CliContext, add_command


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `devices` command."""
    parser = add_command(subparsers, parents, "devices", "list audio input and output devices")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print input then output devices; `*` marks the system default."""
    from speech.devices import list_devices
    from speech.errors import SpeechError

    try:
        devices = list_devices()
    except SpeechError as exc:
        print(f"interviewer: warning: {exc}", file=ctx.stderr)
        return 1
    for kind, title in (("input", "Input devices (microphones)"), ("output", "Output devices")):
        usable = [d for d in devices if d.has(kind)]
        print(f"{title}:", file=ctx.stdout)
        if not usable:
            print("  (none found)", file=ctx.stdout)
        for dev in usable:
            default = dev.is_default_input if kind == "input" else dev.is_default_output
            channels = dev.inputs if kind == "input" else dev.outputs
            print(
                f"  {'*' if default else ' '} {dev.index:>3}  {dev.name}"
                f"  ({channels} ch, {dev.default_samplerate:.0f} Hz)",
                file=ctx.stdout,
            )
    print(
        "* = default. Choose with --input-device / --output-device (index or part of the name).",
        file=ctx.stdout,
    )
    return 0
