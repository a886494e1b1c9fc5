"""The question bank: loading and validating bank files, and importing articles."""

from interviewer.bank.loader import load_bank, shipped_bank_path

__all__ = ["load_bank", "shipped_bank_path"]
