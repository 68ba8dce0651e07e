"""Moderation across SHAs before publication (issue 19, part 3): hand-worked comparisons, notes, sign-off, and
publication refused until moderation is signed off."""

import csv
import io

import pandas as pd
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from assurance.assessments import StaleEdit
from assurance.choices import State
from assurance.models import Organisation
from assurance.national import moderation, services
from assurance.national.models import ModerationNote, ModerationSignOff, Publication
from competencies.models import Competency
from governance.models import GovernanceArea
from tests.national.helpers import signed_off

PAGE = reverse("national:moderation", args=["2009-10"])
SIGN_OFF = reverse("national:moderation_sign_off", args=["2009-10"])


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["pct", "sha", "competency", "level"]).astype({"level": "float"})


# Hand-worked: competency 1 agreed at A: 4, 4, 3 (mean 11/3); B: 2, 2 (mean 2); C: 2, 3 (mean 2.5), and one C
# PCT not rated. Rest of England for A: 2, 2, 2, 3 = 9/4 = 2.25; for B: 4, 4, 3, 2, 3 = 16/5 = 3.2; for C:
# 4, 4, 3, 2, 2 = 15/5 = 3.0. Differences: A +1.4167, B -1.2, C -0.5 (exactly the threshold: flagged).
HAND = _frame(
    [
        ("a1", "A", 1, 4),
        ("a2", "A", 1, 4),
        ("a3", "A", 1, 3),
        ("b1", "B", 1, 2),
        ("b2", "B", 1, 2),
        ("c1", "C", 1, 2),
        ("c2", "C", 1, 3),
        ("c3", "C", 1, None),
    ]
)


def _by_sha(table: pd.DataFrame) -> dict:
    return {r["sha"]: r for r in moderation.records(table)}


def test_distribution_means_and_flags_worked_by_hand():
    rows = _by_sha(moderation.compare(HAND, shas=["A", "B", "C", "D"], competencies=[1], threshold=0.5))
    a, b, c, d = rows["A"], rows["B"], rows["C"], rows["D"]
    assert [a[f"level_{n}"] for n in (1, 2, 3, 4)] == [0, 0, 1, 2] and a["rated"] == 3
    assert a["mean"] == pytest.approx(11 / 3) and a["rest_mean"] == pytest.approx(2.25) and a["rest_rated"] == 4
    assert a["difference"] == pytest.approx(11 / 3 - 2.25) and a["flagged"]
    assert (b["mean"], b["rest_mean"], b["difference"], b["flagged"]) == (2.0, 3.2, pytest.approx(-1.2), True)
    assert c["rated"] == 2 and c["rest_mean"] == 3.0  # the unrated PCT counts nowhere
    assert (c["difference"], c["flagged"]) == (-0.5, True)  # exactly half a level: flagged
    # An SHA with nothing rated: listed, no mean, never flagged; its rest of England is everyone: 20/7.
    assert (d["rated"], d["mean"], d["flagged"]) == (0, None, False) and d["rest_mean"] == pytest.approx(20 / 7)


def test_the_threshold_decides_the_flags():
    rows = _by_sha(moderation.compare(HAND, shas=["A", "B", "C"], competencies=[1], threshold=0.51))
    assert [rows[s]["flagged"] for s in "ABC"] == [True, True, False]
    rows = _by_sha(moderation.compare(HAND, shas=["A", "B", "C"], competencies=[1], threshold=1.3))
    assert [rows[s]["flagged"] for s in "ABC"] == [True, False, False]


def test_one_sha_alone_has_no_rest_of_england_and_no_flag():
    only = _frame([("a1", "A", 1, 4), ("a2", "A", 2, 1)])
    table = moderation.compare(only, shas=["A", "B"], competencies=[1, 2], threshold=0.5)
    assert len(table) == 4  # every competency for every SHA
    assert not table["flagged"].any()
    first = moderation.records(table)[0]
    assert (first["competency"], first["sha"], first["mean"], first["rest_mean"]) == (1, "A", 4.0, None)


def test_no_ratings_at_all_gives_empty_rows():
    table = moderation.compare(_frame([]), shas=["A"], competencies=[1, 2], threshold=0.5)
    assert list(table["rated"]) == [0, 0] and not table["flagged"].any()


# Against the database -------------------------------------------------------------------------------------------


def _pcts(sha_code: str, count: int) -> list[str]:
    return list(
        Organisation.objects.pcts().filter(parent__code=sha_code).order_by("code").values_list("code", flat=True)
    )[:count]


@pytest.fixture
def rated(world):
    """Competency 1: North West agreed 4, 4; North East 3, 3, 3; Yorkshire and the Humber 3, 3, 3; one more North
    West PCT in review with a level 1 that must not count. North West: 4 against the rest's 3, +1: flagged; North
    East: 3 against (4 + 4 + 3 * 3) / 5 = 3.4, -0.4: not flagged (nor Yorkshire, the same)."""
    for code in _pcts("Q31", 2):
        signed_off(code, world.cycle, levels={1: 4, 2: 2})
    for sha in ("Q30", "Q32"):
        for code in _pcts(sha, 3):
            signed_off(code, world.cycle, levels={1: 3, 2: 2})
    signed_off(_pcts("Q31", 3)[2], world.cycle, levels={1: 1}, state=State.IN_REVIEW)
    return world


def test_the_dh_page_flags_the_sha_and_shows_the_threshold(rated):
    response = rated.client_for("dh_analyst").get(PAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>0.5 of a level or more</strong>" in page
    assert "NHS North West, competency 1 (Locally lead the NHS)</a>: mean 4.00 against 3.00" in page
    groups = response.context["flagged_by_sha"]  # the flagged list, grouped by SHA
    assert [g["sha_name"] for g in groups] == sorted(g["sha_name"] for g in groups)
    assert sum(g["count"] for g in groups) == response.context["flagged_total"]
    north_west_group = next(g for g in groups if g["sha_name"] == "NHS North West")
    assert f"NHS North West: {north_west_group['count']} flagged</h3>" in page
    assert all(r["sha_name"] == g["sha_name"] for g in groups for r in g["competencies"] + g["areas"])
    assert "8 PCTs whose panel report is signed off" in page  # the PCT in review is not counted
    north_west = next(r for r in response.context["competencies"][0]["rows"] if r["sha"] == "Q31")
    assert (north_west["level_4"], north_west["rated"], north_west["flagged"]) == (2, 2, True)
    assert 'data-app-chart="chart-moderation"' in page


def test_the_threshold_is_a_setting_shown_on_the_page(rated, settings):
    settings.MODERATION_THRESHOLD = 2.0
    response = rated.client_for("dh_analyst").get(PAGE)
    assert "<strong>2.0 of a level or more</strong>" in response.content.decode()
    assert response.context["flagged"] == []


def test_the_csv_has_every_sha_and_competency_with_the_page_numbers(rated):
    url = reverse("national:moderation_download", args=["2009-10", "E92000001"])
    response = rated.client_for("dh_analyst").get(url)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    shas = Organisation.objects.shas().count()
    competencies = [r for r in rows if r["Compared"] == "competency"]
    assert len(competencies) == Competency.objects.filter(cycle=rated.cycle).count() * shas
    areas = [r for r in rows if r["Compared"] == "governance area"]
    assert len(areas) == GovernanceArea.objects.filter(cycle=rated.cycle, item="").count() * shas
    north_west = next(r for r in competencies if r["SHA code"] == "Q31" and r["Competency number"] == "1")
    assert (north_west["Mean"], north_west["Rest of England: mean"], north_west["Flagged"]) == ("4.00", "3.00", "yes")
    assert north_west["Scale of the means"] == "levels 1 to 4"


def test_dh_records_a_note_and_a_stale_save_is_refused(rated):
    dh = rated.users["dh_analyst"]
    sha = Organisation.objects.get(code="Q31")
    competency = Competency.objects.get(cycle=rated.cycle, number=1)
    note = services.moderation_note_save(
        cycle=rated.cycle, sha=sha, competency=competency, text="Panel was lenient", by=dh, version=0
    )
    assert note.version == 1
    with pytest.raises(StaleEdit):  # a second analyst's form was loaded before the first note existed
        services.moderation_note_save(cycle=rated.cycle, sha=sha, competency=competency, text="Other", by=dh, version=0)
    with pytest.raises(PermissionDenied):
        services.moderation_note_save(
            cycle=rated.cycle, sha=sha, competency=competency, text="x", by=rated.users["sha_lead"], version=1
        )
    assert ModerationNote.objects.get().text == "Panel was lenient"


def test_the_note_page_keeps_what_was_typed_on_a_stale_save_and_explains_an_empty_one(rated):
    client = rated.client_for("dh_analyst")
    url = reverse("national:moderation_note", args=["2009-10", "Q31", 1])
    assert client.post(url, {"text": "First", "version": 0}).status_code == 302
    stale = client.post(url, {"text": "My own view", "version": 0})
    page = stale.content.decode()
    assert stale.status_code == 400 and "Someone else saved a note here" in page and "My own view" in page
    empty = client.post(url, {"text": "  ", "version": 1})
    assert empty.status_code == 400 and "Enter the moderation note" in empty.content.decode()
    assert ModerationNote.objects.get().text == "First"


def test_sign_off_asks_first_then_records_who_and_when(rated):
    client = rated.client_for("dh_analyst")
    ask = client.get(SIGN_OFF).content.decode()
    assert "Sign off moderation of 2009-10?" in ask and "1 flagged comparison" in ask
    assert "NHS North West on competency 1" in ask  # flagged with no note yet
    assert not ModerationSignOff.objects.exists()
    done = client.post(SIGN_OFF, {"notes": "Discussed with NHS North West"})
    assert done.status_code == 302
    signed = ModerationSignOff.objects.get()
    assert (signed.signed_off_by, signed.notes, signed.pcts_counted, signed.threshold) == (
        rated.users["dh_analyst"],
        "Discussed with NHS North West",
        8,
        0.5,
    )
    again = client.post(SIGN_OFF, {"notes": ""})  # a second click
    assert again.status_code == 302 and ModerationSignOff.objects.count() == 1
    with pytest.raises(services.ModerationRefused, match="signed off"):  # notes are final now
        services.moderation_note_save(
            cycle=rated.cycle,
            sha=Organisation.objects.get(code="Q31"),
            competency=Competency.objects.get(cycle=rated.cycle, number=1),
            text="Late",
            by=rated.users["dh_analyst"],
            version=0,
        )


def test_nothing_signed_off_means_nothing_to_moderate(world):
    with pytest.raises(services.ModerationRefused, match="nothing to moderate"):
        services.moderation_sign_off(cycle=world.cycle, by=world.users["dh_analyst"])


def test_publication_is_refused_until_moderation_is_signed_off(rated, eager_celery):
    dh = rated.users["dh_analyst"]
    with pytest.raises(services.PublicationRefused, match="Moderation of 2009-10 across SHAs has not been signed off"):
        services.cycle_publish(cycle=rated.cycle, by=dh)
    page = rated.client_for("dh_analyst").post(reverse("national:publication", args=["2009-10"]), {})
    assert page.status_code == 400 and "has not been signed off" in page.content.decode()
    assert not Publication.objects.exists()
    services.moderation_sign_off(cycle=rated.cycle, by=dh)
    assert services.cycle_publish(cycle=rated.cycle, by=dh).pcts.count() == 8


def test_the_sha_lead_sees_its_own_comparison_and_notes_only(rated):
    dh = rated.users["dh_analyst"]
    competency = Competency.objects.get(cycle=rated.cycle, number=1)
    for code, text in (("Q31", "North West lenient on competency 1"), ("Q30", "North East note")):
        services.moderation_note_save(
            cycle=rated.cycle, sha=Organisation.objects.get(code=code), competency=competency, text=text, by=dh,
            version=0,
        )  # fmt: skip
    lead = rated.client_for("sha_lead")
    response = lead.get(PAGE)
    own = reverse("national:moderation_sha", args=["2009-10", "Q31"])
    assert response.status_code == 302 and response["Location"] == own
    page = lead.get(own).content.decode()
    assert "Moderation: NHS North West" in page and "North West lenient on competency 1" in page
    assert "North East note" not in page and "Flagged" in page
    assert lead.get(reverse("national:moderation_sha", args=["2009-10", "Q30"])).status_code == 404
    assert lead.get(reverse("national:moderation_download", args=["2009-10", "E92000001"])).status_code == 403
    mine = lead.get(reverse("national:moderation_download", args=["2009-10", "Q31"])).content.decode()
    assert "North West lenient" in mine and "North East" not in mine


def test_moderation_is_reached_by_links_from_home_and_the_dashboards(rated):
    dh = rated.client_for("dh_analyst")
    assert PAGE in dh.get(reverse("home")).content.decode()
    assert PAGE in dh.get(reverse("national:dashboard", args=["2009-10"])).content.decode()
    own = reverse("national:moderation_sha", args=["2009-10", "Q31"])
    lead = rated.client_for("sha_lead")
    assert own in lead.get(reverse("home")).content.decode()
    assert own in lead.get(reverse("national:sha", args=["2009-10", "Q31"])).content.decode()
    assert own not in rated.client_for("panel_member").get(reverse("home")).content.decode()


def _rags(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["pct", "sha", "area", "rag"])


# Hand-worked, governance areas on red 1, amber 2, green 3. Board: A green, green, amber (8/3 = 2.67); B red,
# amber (1.5). A's rest of England is B's: 2.67 - 1.5 = +1.17, flagged; B's rest is A's: -1.17, flagged.
# Finance: A green, amber (2.5); B amber, amber (2.0): +0.5 and -0.5, exactly the threshold: both flagged.
# Strategy: A amber, one not rated (2.0); B amber, green (2.5): -0.5 / +0.5 flagged only at 0.5, not at 0.51.
AREAS = _rags(
    [
        ("a1", "A", "Board", "green"),
        ("a2", "A", "Board", "green"),
        ("a3", "A", "Board", "amber"),
        ("b1", "B", "Board", "red"),
        ("b2", "B", "Board", "amber"),
        ("a1", "A", "Finance", "green"),
        ("a2", "A", "Finance", "amber"),
        ("b1", "B", "Finance", "amber"),
        ("b2", "B", "Finance", "amber"),
        ("a1", "A", "Strategy", "amber"),
        ("a2", "A", "Strategy", None),
        ("b1", "B", "Strategy", "amber"),
        ("b2", "B", "Strategy", "green"),
    ]
)


def test_governance_areas_on_red_amber_green_worked_by_hand():
    table = moderation.compare_areas(AREAS, shas=["A", "B", "C"], areas=["Strategy", "Finance", "Board"], threshold=0.5)
    rows = {(r["area"], r["sha"]): r for r in moderation.records(table)}
    assert [r["area"] for r in moderation.records(table)][:3] == ["Strategy"] * 3  # areas in the order given
    board_a, board_b = rows[("Board", "A")], rows[("Board", "B")]
    assert (board_a["red"], board_a["amber"], board_a["green"], board_a["rated"]) == (0, 1, 2, 3)
    assert board_a["mean"] == pytest.approx(8 / 3) and board_a["rest_mean"] == 1.5 and board_a["rest_rated"] == 2
    assert board_a["difference"] == pytest.approx(8 / 3 - 1.5) and board_a["flagged"]
    assert (board_b["red"], board_b["amber"], board_b["green"]) == (1, 1, 0) and board_b["flagged"]
    assert rows[("Finance", "A")]["difference"] == 0.5 and rows[("Finance", "A")]["flagged"]  # exactly 0.5
    assert rows[("Finance", "B")]["difference"] == -0.5 and rows[("Finance", "B")]["flagged"]
    strategy_a = rows[("Strategy", "A")]
    assert (strategy_a["rated"], strategy_a["mean"], strategy_a["rest_mean"]) == (1, 2.0, 2.5)  # unrated not counted
    # C has no PCTs: listed, no mean, never flagged; its rest of England is everyone (Board: 11/5).
    board_c = rows[("Board", "C")]
    assert (board_c["rated"], board_c["mean"], board_c["flagged"]) == (0, None, False)
    assert board_c["rest_mean"] == pytest.approx(11 / 5)


def test_governance_area_flags_follow_the_threshold():
    table = moderation.compare_areas(AREAS, shas=["A", "B"], areas=["Strategy", "Finance", "Board"], threshold=0.51)
    flagged = {(r["area"], r["sha"]) for r in moderation.records(table) if r["flagged"]}
    assert flagged == {("Board", "A"), ("Board", "B")}


def test_governance_areas_with_no_ratings():
    table = moderation.compare_areas(_rags([]), shas=["A"], areas=["Board"], threshold=0.5)
    assert list(table["rated"]) == [0] and not table["flagged"].any()


def _area_index(cycle, name: str) -> int:
    """The position of an area-level rating among the cycle's governance rows (as `signed_off` takes RAGs)."""
    rows = list(GovernanceArea.objects.filter(cycle=cycle).order_by("order").values_list("area", "item"))
    return rows.index((name, ""))


@pytest.fixture
def rated_areas(world):
    """Board, area-level: North West agreed green, green, amber (8/3); North East red, amber (1.5). An item rated
    red under Board in North West must not count. North West +1.17: flagged; North East -1.17: flagged."""
    board = _area_index(world.cycle, "Board")
    item = next(
        i
        for i, (area, name) in enumerate(
            GovernanceArea.objects.filter(cycle=world.cycle).order_by("order").values_list("area", "item")
        )
        if area == "Board" and name
    )
    for code, rag in zip(_pcts("Q31", 3), ("green", "green", "amber"), strict=True):
        signed_off(code, world.cycle, levels={1: 3}, rags={board: rag, item: "red"})
    for code, rag in zip(_pcts("Q30", 2), ("red", "amber"), strict=True):
        signed_off(code, world.cycle, levels={1: 3}, rags={board: rag})
    return world


def test_governance_areas_are_moderated_on_the_pages_and_in_the_csv(rated_areas):
    dh = rated_areas.client_for("dh_analyst")
    response = dh.get(PAGE)
    page = response.content.decode()
    board = next(a for a in response.context["areas"] if a["name"] == "Board")
    north_west = next(r for r in board["rows"] if r["sha"] == "Q31")
    assert (north_west["red"], north_west["amber"], north_west["green"]) == (0, 1, 2)  # the red item is not counted
    assert north_west["mean"] == pytest.approx(8 / 3) and north_west["rest_mean"] == 1.5 and north_west["flagged"]
    assert [a["name"] for a in response.context["areas"]] == ["Strategy", "Finance", "Board"]
    assert "Governance areas" in page and "red = 1, amber = 2, green = 3" in page
    assert "2 flagged comparisons (0 on competencies, 2 on governance areas)" in page
    assert "NHS North West, governance area Board</a>: mean 2.67 against 1.50" in page
    own = dh.get(reverse("national:moderation_sha", args=["2009-10", "Q31"])).content.decode()
    assert "competencies and 1 of 3 governance areas flagged" in own
    url = reverse("national:moderation_download", args=["2009-10", "Q31"])
    rows = list(csv.DictReader(io.StringIO(dh.get(url).content.decode())))
    row = next(r for r in rows if r["Compared"] == "governance area" and r["Competency or governance area"] == "Board")
    assert (row["Red"], row["Amber"], row["Green"], row["Mean"], row["Rest of England: mean"]) == (
        "0", "1", "2", "2.67", "1.50",
    )  # fmt: skip
    assert (row["Flagged"], row["Scale of the means"], row["Level 1"]) == ("yes", "red 1, amber 2, green 3", "")


def test_2008_09_areas_rated_whole_are_moderated(world):
    """2008-09 has only the three areas, rated whole: North West (5NT) green on Finance, North East (5ND) red: each
    is flagged against the other (3 against 1)."""
    cycle = world.previous_cycle
    finance = _area_index(cycle, "Finance")
    signed_off("5NT", cycle, levels={1: 2}, rags={finance: "green"})
    signed_off("5ND", cycle, levels={1: 2}, rags={finance: "red"})
    response = world.client_for("dh_analyst").get(reverse("national:moderation", args=["2008-09"]))
    assert [a["name"] for a in response.context["areas"]] == ["Strategy", "Finance", "Board"]
    finance_rows = {r["sha"]: r for r in response.context["areas"][1]["rows"]}
    assert (finance_rows["Q31"]["green"], finance_rows["Q31"]["mean"], finance_rows["Q31"]["rest_mean"]) == (1, 3, 1)
    assert {r["sha"] for r in response.context["flagged_areas"]} == {"Q30", "Q31"}
    assert response.context["flagged"] == []  # competency 1 agreed 2 in both


# Notes per SHA and governance area --------------------------------------------------------------------------------

AREA_NOTE = reverse("national:moderation_area_note", args=["2009-10", "Q31", "board"])


def _board(cycle) -> GovernanceArea:
    return GovernanceArea.objects.get(cycle=cycle, area="Board", item="")


def test_dh_records_a_note_on_an_area_and_a_stale_save_is_refused(rated_areas):
    dh, cycle = rated_areas.users["dh_analyst"], rated_areas.cycle
    sha = Organisation.objects.get(code="Q31")
    note = services.moderation_note_save(cycle=cycle, sha=sha, area=_board(cycle), text="Generous", by=dh, version=0)
    assert (note.version, note.area, note.competency) == (1, _board(cycle), None)
    with pytest.raises(StaleEdit):
        services.moderation_note_save(cycle=cycle, sha=sha, area=_board(cycle), text="Other", by=dh, version=0)
    # A competency's note of the same SHA is another note, not a conflict.
    competency = Competency.objects.get(cycle=cycle, number=1)
    services.moderation_note_save(cycle=cycle, sha=sha, competency=competency, text="On 1", by=dh, version=0)
    item = GovernanceArea.objects.filter(cycle=cycle, area="Board").exclude(item="").first()
    with pytest.raises(ValueError, match="as a whole"):  # an item beneath an area is not moderated
        services.moderation_note_save(cycle=cycle, sha=sha, area=item, text="x", by=dh, version=0)
    with pytest.raises(ValueError, match="one competency or one governance area"):
        services.moderation_note_save(
            cycle=cycle, sha=sha, competency=competency, area=_board(cycle), text="x", by=dh, version=1
        )
    with pytest.raises(PermissionDenied):
        services.moderation_note_save(
            cycle=cycle, sha=sha, area=_board(cycle), text="x", by=rated_areas.users["sha_lead"], version=1
        )
    assert sorted(ModerationNote.objects.values_list("text", flat=True)) == ["Generous", "On 1"]


def test_a_note_is_on_exactly_one_competency_or_area_in_the_database(rated_areas):
    from django.db import IntegrityError, transaction

    cycle, sha = rated_areas.cycle, Organisation.objects.get(code="Q31")
    competency = Competency.objects.get(cycle=cycle, number=1)
    for item in ({}, {"competency": competency, "area": _board(cycle)}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ModerationNote.objects.create(cycle=cycle, sha=sha, text="x", **item)
    ModerationNote.objects.create(cycle=cycle, sha=sha, area=_board(cycle), text="x")
    with pytest.raises(IntegrityError), transaction.atomic():  # one note per SHA and area
        ModerationNote.objects.create(cycle=cycle, sha=sha, area=_board(cycle), text="y")


def test_the_dh_page_links_a_note_beside_each_area_row_and_shows_it(rated_areas):
    client = rated_areas.client_for("dh_analyst")
    page = client.get(PAGE).content.decode()
    assert f'href="{AREA_NOTE}"' in page and "Add note<span class=\"govuk-visually-hidden\"> for NHS North West, " \
        "governance area Board</span>" in page  # fmt: skip
    assert "2 without a note" in page
    form = client.get(AREA_NOTE)
    assert form.status_code == 200 and "Governance area: Board" in form.content.decode()
    assert "PCTs rated red, amber, green" in form.content.decode() and "0, 1, 2 (3 rated)" in form.content.decode()
    saved = client.post(AREA_NOTE, {"text": "North West's panel generous on board", "version": 0})
    assert saved.status_code == 302 and saved["Location"] == f"{PAGE}#area-board"
    page = client.get(PAGE).content.decode()
    assert "North West&#x27;s panel generous on board" in page and "1 without a note" in page
    assert 'Change note<span class="govuk-visually-hidden"> for NHS North West, governance area Board' in page
    url = reverse("national:moderation_download", args=["2009-10", "E92000001"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    board = next(r for r in rows if r["SHA code"] == "Q31" and r["Competency or governance area"] == "Board")
    assert board["Moderation note"] == "North West's panel generous on board"


def test_the_area_note_page_keeps_what_was_typed_on_bad_input(rated_areas):
    client = rated_areas.client_for("dh_analyst")
    assert client.post(AREA_NOTE, {"text": "First", "version": 0}).status_code == 302
    stale = client.post(AREA_NOTE, {"text": "My own view", "version": 0})  # loaded before "First" was saved
    page = stale.content.decode()
    assert stale.status_code == 400 and "Someone else saved a note here" in page and "My own view" in page
    assert "govuk-error-summary" in page and "First" in page  # their note shown above
    empty = client.post(AREA_NOTE, {"text": "   ", "version": 1})
    assert empty.status_code == 400 and "Enter the moderation note" in empty.content.decode()
    assert list(ModerationNote.objects.values_list("text", "version")) == [("First", 1)]


def test_sign_off_names_flagged_areas_without_a_note_and_freezes_area_notes(rated_areas):
    client = rated_areas.client_for("dh_analyst")
    client.post(AREA_NOTE, {"text": "Seen", "version": 0})
    ask = client.get(SIGN_OFF).content.decode()
    assert "1 flagged comparison has no note" in ask and "NHS North East on governance area Board" in ask
    assert "NHS North West on governance area Board" not in ask
    client.post(SIGN_OFF, {"notes": ""})
    assert ModerationSignOff.objects.exists()
    late = client.post(AREA_NOTE, {"text": "Late", "version": 1})
    assert late.status_code == 400 and "notes can no longer change" in late.content.decode()
    assert ModerationNote.objects.get().text == "Seen"


def test_the_sha_lead_sees_the_notes_on_its_own_areas_only(rated_areas):
    dh, cycle = rated_areas.users["dh_analyst"], rated_areas.cycle
    for code, text in (("Q31", "North West board note"), ("Q30", "North East board note")):
        sha = Organisation.objects.get(code=code)
        services.moderation_note_save(cycle=cycle, sha=sha, area=_board(cycle), text=text, by=dh, version=0)
    lead = rated_areas.client_for("sha_lead")
    page = lead.get(reverse("national:moderation_sha", args=["2009-10", "Q31"])).content.decode()
    assert "North West board note" in page and "North East board note" not in page
    assert "Add note" not in page and "Change note" not in page  # the lead reads, DH writes
    assert lead.get(AREA_NOTE).status_code == 403
    mine = lead.get(reverse("national:moderation_download", args=["2009-10", "Q31"])).content.decode()
    assert "North West board note" in mine and "North East board note" not in mine
