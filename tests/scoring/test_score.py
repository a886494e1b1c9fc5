"""score_answer: weighted coverage, matched spans, missed concepts' sample sentences."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from interviewer.models import Weight
from interviewer.scoring import score_answer
from speech.fakes import timed_transcript

from .factories import KMEANS_SAMPLE, concept, kmeans, question


@pytest.mark.parametrize(
    ("answer", "coverage"),
    [
        ("", 0.0),
        ("Something about databases.", 0.0),
        # Each concept below is mentioned once, so it earns 90% of its points.
        ("Customer segmentation.", 0.9 * 1 / 9),  # supporting: 1 of 9 points
        ("It is unsupervised.", 0.9 * 2 / 9),  # core: 2 points
        ("Unsupervised, with centroids.", 0.9 * 4 / 9),
        # "Unsupervised", "iteratively" and "segmentation" are said once; clusters and
        # centroids come up again.
        (KMEANS_SAMPLE, (2 * 0.9 + 2 + 2 + 2 * 0.9 + 0.9) / 9),
        ("Unsupervised: no labels at all. Clusters, clusters. Centroids, the cluster centre. "
         "Iteratively, repeat until stable. Segmentation, customer segmentation.", 1.0),
    ],
)
def test_coverage_is_the_weighted_share_of_concepts(answer: str, coverage: float) -> None:
    assert score_answer(kmeans(), answer).coverage == pytest.approx(coverage, abs=1e-4)


def test_matched_and_missed_partition_the_concepts_in_bank_order() -> None:
    q = kmeans()
    score = score_answer(q, "Centroids are updated iteratively.")
    assert [m.concept.label for m in score.matched] == ["centroid", "iterative updates"]
    assert [m.concept.label for m in score.missed] == [
        "unsupervised", "groups into clusters", "customer segmentation",
    ]
    assert score.question_id == q.id
    assert score.text == "Centroids are updated iteratively."


def test_matched_spans_index_into_the_text() -> None:
    text = "  Um… it’s UNSUPERVISED; the cluster-centre moves iteratively.  "
    score = score_answer(kmeans(), text)
    assert score.matched
    for match in score.matched:
        assert text[match.span.start : match.span.end] == match.span.text
    assert [m.span.text for m in score.matched] == [
        "UNSUPERVISED", "cluster", "cluster-centre", "iteratively",
    ]


@pytest.mark.parametrize(
    ("label", "sentence_start"),
    [
        ("unsupervised", "K-means clustering is an unsupervised"),
        ("centroid", "It assigns each point to the nearest cluster centroid"),
        ("iterative updates", "It assigns each point"),
        ("customer segmentation", "It's commonly used"),
    ],
)
def test_missed_concept_carries_the_explaining_sample_sentence(
    label: str, sentence_start: str
) -> None:
    score = score_answer(kmeans(), "")
    sentences = {m.concept.label: m.sample_sentence for m in score.missed}
    assert sentences[label].startswith(sentence_start)
    assert sentences[label] in KMEANS_SAMPLE


def test_sample_sentence_falls_back_to_shared_words_then_the_first_sentence() -> None:
    q = question(
        concept("speeds training", "faster convergence"),
        concept("zzz unrelated", "qqq"),
        sample="First sentence here. Second one mentions training speed.",
    )
    sentences = {m.concept.label: m.sample_sentence for m in score_answer(q, "").missed}
    assert sentences["speeds training"] == "Second one mentions training speed."
    assert sentences["zzz unrelated"] == "First sentence here."


def test_scoring_is_deterministic() -> None:
    text = "Kmeans is unsupervised, clusters by nearest neighbours, um, iteratively."
    assert score_answer(kmeans(), text) == score_answer(kmeans(), text)


def test_a_question_without_concepts_scores_zero() -> None:
    assert score_answer(question(), "anything").coverage == 0.0


def test_transcript_supplies_timing_and_duration() -> None:
    text = "kmeans is unsupervised and uses centroids"
    transcript = timed_transcript(text, 3.0)
    score = score_answer(kmeans(), text, transcript=transcript)
    assert score.delivery.duration_s == 3.0
    assert score.delivery.words_per_minute == pytest.approx(6 / 3.0 * 60)
    assert score.delivery.longest_pause_s == 0.0
    assert score.delivery.time_to_first_word_s == 0.0


def test_explicit_duration_wins_over_the_transcript() -> None:
    text = "kmeans clusters"
    score = score_answer(kmeans(), text, transcript=timed_transcript(text, 3.0), duration_s=6.0)
    assert score.delivery.duration_s == 6.0
    assert score.delivery.words_per_minute == 20.0


def test_supporting_weight_counts_half_of_core() -> None:
    q = question(concept("a core idea", "alpha"), concept("side", "beta", weight=Weight.SUPPORTING))
    assert score_answer(q, "alpha, alpha").coverage == pytest.approx(2 / 3, abs=1e-4)
    assert score_answer(q, "beta, beta").coverage == pytest.approx(1 / 3, abs=1e-4)


def test_scoring_imports_neither_textual_nor_torch() -> None:
    probe = (
        "import json, sys\n"
        "import interviewer.scoring, interviewer.scoring.report, interviewer.scoring.serialize\n"
        "import interviewer.scoring.batch, interviewer.cli.score_cmd\n"
        "print(json.dumps(sorted(m for m in ('textual', 'torch', 'whisper') if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == []


@pytest.mark.parametrize(
    "noisy",
    [
        "um k means clustering is uh an un supervised learning algorithm that like groups data "
        "into clusters it assigns each point to the you know nearest cluster centroid and then "
        "updates the centroids iter atively until the clusters are stable its used for customer "
        "segmentation",
        "so kmeans is basically unsupervised it uh groups the data into clusters each point goes "
        "to the nearest um centroid then the centroids are updated iteratively until they're "
        "stable and er it's used for customer segment ation",
    ],
)
def test_a_noisy_transcript_scores_like_the_clean_answer(noisy: str) -> None:
    clean = score_answer(kmeans(), KMEANS_SAMPLE)
    heard = score_answer(kmeans(), noisy)
    assert [m.concept for m in heard.matched] == [m.concept for m in clean.matched]
    # The second speaker says "clusters" once where the sample comes back to them, which
    # costs a tenth of that concept's points; nothing else differs.
    assert heard.coverage == pytest.approx(clean.coverage, abs=0.1 * 2 / 9 + 1e-4)
