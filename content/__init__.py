"""Shipped data: the question bank. A package so a non-editable install carries it."""

from pathlib import Path

BANK_PATH = Path(__file__).with_name("bank.toml")
