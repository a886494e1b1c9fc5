"""`compile_question` compiles a question once, found by identity first and then by value."""

from __future__ import annotations

import copy

from interviewer.models import Bank
from interviewer.scoring.compiled import clear_caches, compile_question


def test_the_same_question_is_compiled_once(bank: Bank) -> None:
    question = bank.get("beginner-03")
    assert compile_question(question) is compile_question(question)


def test_an_equal_question_loaded_again_shares_the_compiled_one(bank: Bank) -> None:
    question = bank.get("intermediate-07")
    again = copy.deepcopy(question)  # a second load of the same bank
    assert again is not question and again == question
    assert compile_question(again) is compile_question(question)


def test_clear_caches_compiles_afresh(bank: Bank) -> None:
    question = bank.get("advanced-11")
    before = compile_question(question)
    clear_caches()
    after = compile_question(question)
    assert after is not before
    assert after.question == before.question
