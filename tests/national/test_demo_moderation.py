"""The demo data gives moderation across SHAs something to compare (issue 19, "Done means"): signed-off agreed
ratings in every SHA, a flagged SHA beside SHAs not flagged, and partner responses for the North West PCTs."""

import os

import pytest
from django.core.management import call_command

from assurance.choices import State
from assurance.models import Assessment, Cycle, Organisation
from assurance.national import selectors
from assurance.national.models import ModerationNote, Publication
from feedback.models import Response


@pytest.fixture
def demo(db):
    # As in tests/test_reachable.py: the personas start Bolton's 2009-10 assessment as a draft; the demo has it in
    # review.
    Assessment.objects.filter(organisation__code="5HQ", cycle__code="2009-10").update(state=State.IN_REVIEW)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    return Cycle.objects.get(code="2009-10")


def test_the_demo_rates_every_sha_and_flags_some_but_not_all(demo):
    threshold = selectors.moderation_threshold()
    competencies = selectors.moderation_comparison(demo, threshold)
    areas = selectors.moderation_area_comparison(demo, threshold)
    shas = set(Organisation.objects.shas().values_list("name", flat=True))
    assert len(shas) == 10

    # Every SHA has a distribution: PCTs rated on every competency and every governance area.
    assert set(competencies["sha_name"]) == shas and set(areas["sha_name"]) == shas
    assert (competencies["rated"] > 0).all(), competencies[competencies["rated"] == 0][["sha_name", "competency"]]
    assert (areas["rated"] > 0).all()

    flagged = set(competencies[competencies["flagged"]]["sha_name"]) | set(areas[areas["flagged"]]["sha_name"])
    assert "NHS North East" in set(competencies[competencies["flagged"]]["sha_name"])  # its generous panel
    assert "NHS South West" in set(areas[areas["flagged"]]["sha_name"])  # its panel strict on governance
    assert len(shas - flagged) >= 5, f"most SHAs judged alike, flagged: {sorted(flagged)}"

    # Only signed-off work is counted: every PCT compared is reported or published, with a signed-off report.
    counted = selectors.signed_off(demo)
    assert counted.count() == len(selectors.panel_selectors.signed_off_ratings(counted))

    # As the service requires, moderation was signed off (with notes on the flagged SHAs) before any PCT was
    # published: the demo never shows a publication the rules would refuse.
    sign_off = selectors.moderation_sign_off(demo)
    assert sign_off is not None and sign_off.pcts_counted == counted.count()
    noted = {note.sha.name for note in ModerationNote.objects.filter(cycle=demo).select_related("sha")}
    assert noted == flagged
    flags = int(competencies["flagged"].sum() + areas["flagged"].sum())
    assert ModerationNote.objects.filter(cycle=demo).count() == flags  # a note on every flagged comparison
    publications = Publication.objects.filter(cycle=demo)
    assert publications.exists() and all(p.published_at >= sign_off.signed_off_at for p in publications)

    # Loading again adds nothing (idempotent).
    before = counted.count()
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert selectors.signed_off(demo).count() == before

    # Partner responses for every North West PCT (one test: the demo takes a while to load).
    north_west = Organisation.objects.pcts().filter(parent__code="Q31")
    answered = set(Response.objects.filter(invitation__cycle=demo).values_list("invitation__pct", flat=True))
    assert set(north_west.values_list("pk", flat=True)) <= answered
