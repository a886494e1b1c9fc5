"""Keyword-coverage scoring of answers: concepts matched and missed, misconceptions, delivery.

Pure Python plus rapidfuzz: no textual, no torch. `score_answer` is the entry point;
`serialize` turns a Score into JSON-ready dicts and `report` into readable text.
"""

from interviewer.scoring.scorer import match_concept, score_answer

__all__ = ["match_concept", "score_answer"]
