"""Distillation: the teachers' span vote and the silver documents it labels."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from itnet.training.distil import label_by_vote, vote_spans

ROMA = (12, 16, "LOC")


@pytest.mark.parametrize(
    ("predictions", "min_votes", "voted"),
    [
        # two of three teachers agree: kept; one alone: not
        ([{ROMA}, {ROMA}, set()], 2, [ROMA]),
        ([{ROMA}, set(), set()], 2, []),
        # the same offsets with another label is another span
        ([{ROMA}, {(12, 16, "ORG")}, set()], 2, []),
        # overlapping candidates: more votes win over length
        ([{(0, 16, "ORG")}, {(0, 16, "ORG"), (12, 16, "LOC")}, {(12, 16, "LOC")}, {(12, 16, "LOC")}], 2,
         [ROMA]),
        # equal votes: the longer span; a span below the threshold never blocks another
        ([{(0, 16, "ORG")}, {(0, 16, "ORG")}, {(12, 16, "LOC")}, {(12, 16, "LOC"), (0, 4, "PER")}], 2,
         [(0, 16, "ORG")]),
        ([{(0, 30, "ORG"), ROMA}, {ROMA}], 2, [ROMA]),
        # disjoint spans all stay, by position
        ([{(20, 25, "PER"), ROMA}, {ROMA, (20, 25, "PER")}], 2, [ROMA, (20, 25, "PER")]),
    ],
)
def test_vote_spans(predictions, min_votes, voted):
    assert vote_spans(predictions, min_votes) == voted


spans = st.tuples(st.integers(0, 40), st.integers(1, 8), st.sampled_from(["LOC", "ORG", "PER"])).map(
    lambda start_length_label: (start_length_label[0], start_length_label[0] + start_length_label[1],
                                start_length_label[2]))


@given(st.lists(st.sets(spans, max_size=6), min_size=1, max_size=5), st.integers(1, 3))
def test_voted_spans_never_overlap_and_have_their_votes(predictions, min_votes):
    voted = vote_spans(predictions, min_votes)
    assert all(first[1] <= second[0] for first, second in zip(voted, voted[1:]))
    assert all(sum(span in predicted for predicted in predictions) >= min_votes for span in voted)


@given(st.lists(st.sets(spans, max_size=6), min_size=1, max_size=5), st.integers(1, 3))
def test_vote_does_not_depend_on_the_teachers_order(predictions, min_votes):
    assert vote_spans(predictions, min_votes) == vote_spans(predictions[::-1], min_votes)


def ruler(*patterns: tuple[str, str]) -> spacy.language.Language:
    nlp = spacy.blank("it")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": label, "pattern": text} for label, text in patterns])
    return nlp


def test_label_by_vote_writes_the_agreed_entities_per_text():
    teachers = [ruler(("LOC", "Roma"), ("PER", "Mario")), ruler(("LOC", "Roma")), ruler(("ORG", "Roma"))]
    texts = ["Mario è a Roma.", "Nessun nome qui."]
    silver = list(label_by_vote(teachers, texts, min_votes=2).get_docs(spacy.blank("it").vocab))
    assert [doc.text for doc in silver] == texts
    assert [[(ent.text, ent.label_) for ent in doc.ents] for doc in silver] == [[("Roma", "LOC")], []]
