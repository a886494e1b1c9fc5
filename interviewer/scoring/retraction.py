"""Statements a speaker takes back: "hyperparameters are learned in training... no, wait,
that's the parameters".

Spoken answers correct themselves on the fly. A misconception said and at once withdrawn is
not what the candidate believes, and flagging it would punish the correction itself.
"""

from __future__ import annotations

from interviewer.scoring.phrases import Doc, Occurrence

# Word sequences that withdraw what was just said. Each needs two words: a lone "wait",
# "sorry" or "actually" also starts ordinary sentences ("actually, it averages the trees").
# "I mean" is left out: as often as not it goes on to restate, not to correct.
_RETRACTIONS = (
    ("no", "wait"), ("wait", "no"), ("sorry", "no"), ("no", "sorry"), ("actually", "no"),
    ("scratch", "that"), ("let", "me", "correct"),
)
_NEXT_SENTENCE_REACH = 3  # words into the next sentence a retraction may still start


def is_retracted(doc: Doc, occ: Occurrence) -> bool:
    """Whether the speaker takes back the statement at `occ`: a retraction starts later in
    its sentence or among the first words of the next one."""
    end = doc.tokens[occ.end - 1]
    following = [t for t in doc.all_tokens if t.start >= end.end]
    window = [t.lower for t in following if t.sentence == end.sentence]
    window += [t.lower for t in following if t.sentence == end.sentence + 1][:_NEXT_SENTENCE_REACH]
    return any(
        tuple(window[i : i + len(cue)]) == cue
        for cue in _RETRACTIONS
        for i in range(len(window) - len(cue) + 1)
    )
