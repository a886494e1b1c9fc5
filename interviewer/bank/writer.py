"""Write a bank back to TOML in the layout the loader reads."""

from __future__ import annotations

from typing import Any

from interviewer.models import Bank, Concept, Question

SCHEMA = 1


def concept_to_dict(concept: Concept) -> dict[str, Any]:
    """A concept as its TOML table."""
    table: dict[str, Any] = {
        "label": concept.label,
        "weight": concept.weight.value,
        "aliases": list(concept.aliases),
    }
    if concept.misconceptions:
        table["misconceptions"] = [
            {"label": m.label, "patterns": list(m.patterns)}
            | ({"true_of": list(m.true_of)} if m.true_of else {})
            for m in concept.misconceptions
        ]
    return table


def question_to_dict(question: Question) -> dict[str, Any]:
    """A question as its TOML table."""
    return {
        "id": question.id,
        "level": question.level.value,
        "question": question.text,
        "sample_answer": question.sample_answer,
        "concepts": [concept_to_dict(c) for c in question.concepts],
    }


def bank_to_toml(bank: Bank, header: str = "") -> str:
    """Serialise `bank`; `header` lines are written as leading comments."""
    import tomli_w

    data = {
        "schema": SCHEMA,
        "tips": [{"title": t.title, "text": t.text} for t in bank.tips],
        "questions": [question_to_dict(q) for q in bank.questions],
    }
    comments = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comments + tomli_w.dumps(data, multiline_strings=True)
