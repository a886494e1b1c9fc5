"""Everyday words that mean the same thing in an answer about machine learning.

People explain a concept in their own words: "a technique for" where the bank says "a
method for", "prevent overfitting" where it says "avoid overfitting". Listing every such
variant in every alias would multiply the bank, so each group below is folded to one word
on both sides before matching. Only words whose meaning does not shift in this subject
belong here: "boost" (boosting), "drop" (dropout), "key" (attention), "way" and "kind"
(the hedge "kind of") stay out.
"""

from __future__ import annotations

# The first word of each group is the one the others become.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("big", "large", "huge"),
    ("small", "tiny"),
    ("fast", "quick", "rapid"),
    ("faster", "quicker"),
    ("method", "technique", "approach", "algorithm"),
    ("choose", "pick", "select"),
    ("use", "utilize", "employ", "leverage"),
    ("need", "require"),
    ("split", "divide"),
    ("prevent", "avoid"),
    ("reduce", "decrease"),
    ("increase", "raise"),
    ("improve", "enhance"),
    ("remove", "eliminate", "discard", "delete"),
    ("combine", "merge"),
    ("compute", "calculate"),
    ("complex", "complicated"),
    ("important", "crucial", "essential", "vital"),
    ("goal", "aim", "purpose"),
    ("whole", "entire"),
    ("wrong", "incorrect"),
    ("image", "picture", "photo"),
    ("start", "begin"),
)
