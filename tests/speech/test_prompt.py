"""The vocabulary prompt: contents, order, deduplication and the token budget."""

from __future__ import annotations

import pytest
from whisper.tokenizer import get_tokenizer

from interviewer.models import Bank, Concept, Level, Question, Weight
from speech.prompt import (
    DEFAULT_MAX_TOKENS,
    build_prompt,
    count_tokens,
    estimate_tokens,
    is_jargon,
    prompt_terms_for,
)

TERMS = ["ReLU", "LSTM", "k-means", "gradient descent", "backpropagation", "t-SNE", "PCA"]


def whisper_tokens(text: str) -> int:
    """Tokens as whisper's transcribe() counts the prompt: encode(" " + prompt)."""
    return len(get_tokenizer(multilingual=False).encode(" " + text.strip()))


def test_terms_in_order_deduplicated() -> None:
    prompt = build_prompt(["ReLU", "LSTM", "relu", "  k-means ", "LSTM", "", "  ", "--"])
    assert prompt == "ReLU, LSTM, k-means."


def test_no_terms_no_prompt() -> None:
    assert build_prompt([]) == ""
    assert build_prompt(["", " ", "..."]) == ""


def test_alias_syntax_and_commas_are_cleaned() -> None:
    assert build_prompt(["bias + variance", "precision, recall"]) == (
        "bias variance, precision recall."
    )


@pytest.mark.parametrize("budget", [3, 8, 20, 40, DEFAULT_MAX_TOKENS])
def test_prompt_fits_the_budget_and_cuts_at_whole_terms(budget: int) -> None:
    terms = [f"{t} variant {i}" for i in range(40) for t in TERMS][:200]
    prompt = build_prompt(terms, max_tokens=budget)
    assert whisper_tokens(prompt) <= budget
    assert count_tokens(prompt) == whisper_tokens(prompt)
    kept = prompt.rstrip(".").split(", ") if prompt else []
    assert kept == terms[: len(kept)], "whole terms, in order"
    longer = ", ".join(terms[: len(kept) + 1]) + "."
    assert whisper_tokens(longer) > budget, "stops only when the next term would not fit"


def test_everything_fits_when_short() -> None:
    assert build_prompt(TERMS) == ", ".join(TERMS) + "."


@pytest.mark.parametrize(
    "text",
    ["ReLU, LSTM, k-means.", "backpropagation through time", "XGBoost GPT-3 word2vec t-SNE",
     "a, b, c, d", "L1 and L2 regularisation (weight decay)", "Kullback-Leibler divergence"],
)
def test_estimate_is_conservative(text: str) -> None:
    """Without whisper's tokenizer, the estimate never counts fewer tokens than there are."""
    assert estimate_tokens(" " + text) >= whisper_tokens(text)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ReLU", True), ("LSTM", True), ("k-means", True), ("t-SNE", True), ("L2", True),
     ("GPT-3", True), ("XGBoost", True), ("word2vec", True), ("AI", True),
     ("Hello", False), ("model", False), ("non-linearity", False), ("I", False), ("2010", False)],
)
def test_is_jargon(word: str, expected: bool) -> None:
    assert is_jargon(word) is expected


def _question() -> Question:
    concepts = (
        Concept("relu", Weight.SUPPORTING, ("relu", "rectified linear unit")),
        Concept("non-linearity", Weight.CORE, ("non-linearity", "non linear", "nonlinearity")),
        Concept("vanishing gradient", Weight.CORE, ("vanishing gradients + deep networks",)),
        Concept("sparse activation", Weight.SUPPORTING, ("sparse", "spa")),
    )
    return Question(
        id="advanced-99",
        level=Level.ADVANCED,
        number=99,
        text="Why use ReLU instead of sigmoid in an LSTM-free CNN?",
        sample_answer="ReLU adds non-linearity cheaply and avoids the vanishing gradient; "
        "unlike k-means it is not a clustering method. See also GELU.",
        concepts=concepts,
    )


def test_terms_for_a_question_core_first_with_jargon_respelled() -> None:
    terms = prompt_terms_for(_question())
    assert terms[:2] == ["non-linearity", "vanishing gradient"]  # core concepts first
    assert "ReLU" in terms and "relu" not in terms  # respelled as the question writes it
    assert "sparse activation" in terms
    assert "spa" in terms  # a short alias: likely an abbreviation worth spelling
    assert "vanishing gradients deep networks" not in terms  # long ordinary alias: skipped
    for jargon in ("CNN", "LSTM-free", "k-means", "GELU"):
        assert jargon in terms
    assert len({t.casefold() for t in terms}) == len(terms)
    prompt = build_prompt(terms)
    assert prompt.startswith("non-linearity, vanishing gradient,")


def test_every_bank_question_gets_a_prompt_within_budget(bank: Bank) -> None:
    for question in bank.questions:
        terms = prompt_terms_for(question)
        prompt = build_prompt(terms)
        assert prompt, question.id
        assert whisper_tokens(prompt) <= DEFAULT_MAX_TOKENS, question.id
        labels = [c.label.casefold() for c in question.core_concepts]
        assert not labels or any(label in prompt.casefold() for label in labels), question.id
