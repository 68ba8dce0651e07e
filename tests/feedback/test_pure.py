"""The pure parts of partner feedback: the signed link and its states, and the anonymity threshold (hand-worked)."""

from dataclasses import dataclass
from datetime import date

import pytest

from feedback import links, results


def test_a_token_round_trips_and_any_change_breaks_it():
    token = links.make_token(42, "nonce-abc")
    assert links.read_token(token) == links.Signed(42, "nonce-abc")
    for altered in (token[:-1], token + "x", token.replace(token[3], "Z" if token[3] != "Z" else "Y", 1), "42", ""):
        assert links.read_token(altered) is None
    assert links.read_token(links.make_token(43, "nonce-abc")) != links.read_token(token)


def test_a_token_signed_for_something_else_is_refused():
    from django.core import signing

    assert links.read_token(signing.dumps([42, "nonce-abc"], salt="another.purpose")) is None
    assert links.read_token(signing.dumps({"i": 42}, salt=links.SALT)) is None  # ours, but not an invitation


DEADLINE = date(2009, 10, 30)


@pytest.mark.parametrize(
    ("found", "responded", "today", "expected"),
    [
        (True, False, date(2009, 10, 30), links.OPEN),  # the whole deadline day
        (True, False, date(2009, 10, 31), links.EXPIRED),
        (True, True, date(2009, 10, 1), links.USED),
        (True, True, date(2009, 11, 5), links.USED),  # answered, then expired: "already answered" says more
        (False, False, date(2009, 10, 1), links.ALTERED),
    ],
)
def test_link_states(found, responded, today, expected):
    assert links.state(found=found, responded=responded, deadline=DEADLINE, today=today) == expected


def test_a_cycle_without_a_deadline_never_expires_a_link():
    assert links.state(found=True, responded=False, deadline=None, today=date(2030, 1, 1)) == links.OPEN


@dataclass
class C:
    pk: int


TYPES = [("practice", "Practice-based commissioners"), ("public", "Patient and public groups")]


def _answers(partner_type, levels, competency=1):
    return [results.AnswerRow(partner_type, competency, level, f"c{n}") for n, level in enumerate(levels)]


@pytest.mark.parametrize(("responded", "shown"), [(2, False), (3, True), (4, True)])
def test_a_type_shows_only_from_three_responses(responded, shown):
    levels = [3, 4, None, 2][:responded]
    [summary] = results.summarise([C(1)], TYPES, {"practice": responded}, _answers("practice", levels), {1: 3})
    practice, public = summary.types
    assert (practice.shown, practice.responses) == (shown, responded)
    assert public.shown is False and public.counts == {} and public.comments == []
    if shown:
        # hand-worked: levels 3, 4, don't know (and 2 with the fourth)
        expected = {1: 0, 2: 1 if responded == 4 else 0, 3: 1, 4: 1, None: 1}
        assert practice.counts == expected
        assert practice.count_list == [expected[k] for k in (1, 2, 3, 4, None)]
        assert practice.comments == sorted(f"c{n}" for n in range(responded))
    else:
        assert practice.counts == {} and practice.comments == []
    assert summary.self_level == 3


def test_the_minimum_counts_responses_of_the_type_not_answers_to_one_competency():
    """Three partners responded; one competency's answers come from them all, another's from them too."""
    answers = _answers("practice", [4, 4, 4], competency=1) + _answers("practice", [2, None, 2], competency=2)
    one, two = results.summarise([C(1), C(2)], TYPES, {"practice": 3}, answers, {})
    assert one.types[0].counts[4] == 3 and two.types[0].counts == {1: 0, 2: 2, 3: 0, 4: 0, None: 1}
    assert one.self_level is None


def test_blank_comments_are_left_out_and_the_rest_sorted_so_order_reveals_nothing():
    answers = [results.AnswerRow("practice", 1, 3, text) for text in ("  ", "Zeal", "Able", "")]
    [summary] = results.summarise([C(1)], TYPES, {"practice": 4}, answers, {})
    assert summary.types[0].comments == ["Able", "Zeal"]
