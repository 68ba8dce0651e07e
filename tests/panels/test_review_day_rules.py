"""Review day without surprises: nothing before the day, the PDF footer names the PCT as written."""

import subprocess
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assurance.choices import State
from assurance.workflow import TransitionRefused
from panels import services
from panels.models import Report
from panels.selectors import _items
from panels.services import Entry
from tests.panels.helpers import review_day

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("panels:workspace", kwargs={"cycle_code": "2009-10", "code": "5NT"})
OPEN = reverse("panels:open_review", kwargs={"cycle_code": "2009-10", "code": "5NT"})
REPORT = reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"})
SIGN_OFF = reverse("panels:report_sign_off", kwargs={"cycle_code": "2009-10", "code": "5NT"})


def _move_day(day, days: int):
    day.date = timezone.localdate() + timedelta(days=days)
    day.factual_accuracy_until = day.date + timedelta(days=28)
    day.save()
    return day.date


def test_the_review_cannot_be_opened_before_its_review_day_and_the_refusal_gives_the_date(world):
    day = review_day(world, State.SUBMITTED)
    when = _move_day(day, 3)
    chair = world.client_for("panel_chair")
    page = chair.post(OPEN, follow=True).content.decode()
    assert f"The review day is {when:%-d %B %Y}: the review can be opened on or after that day" in page
    day.assessment.refresh_from_db()
    assert day.assessment.state == State.SUBMITTED
    with pytest.raises(TransitionRefused, match=f"{when:%-d %B %Y}"):
        services.review_open(review_day=day, by=world.users["panel_chair"])
    workspace = chair.get(WORKSPACE).content.decode()
    assert "Open the review</button>" not in workspace and f"{when:%-d %B %Y}" in workspace
    _move_day(day, 0)  # on the day itself it opens
    services.review_open(review_day=day, by=world.users["panel_chair"])
    day.assessment.refresh_from_db()
    assert day.assessment.state == State.IN_REVIEW


def test_a_report_cannot_be_signed_off_before_the_review_day(world):
    day = review_day(world)
    chair = world.users["panel_chair"]
    for row in _items(world.cycle):
        value = 2 if row.kind == "competency" else "green"
        services.agreed_ratings_save(review_day=day, by=chair, entries={row.key: Entry(value, "Agreed")})
    when = _move_day(day, 1)
    report = services.report_current(assessment=day.assessment, by=chair)
    with pytest.raises(ValidationError, match=f"The review day is {when:%-d %B %Y}"):
        services.report_sign_off(report=report, by=chair)
    page = world.client_for("panel_chair").post(SIGN_OFF, follow=True).content.decode()
    assert f"The review day is {when:%-d %B %Y}: the review can be signed off on or after that day" in page
    assert Report.objects.get().state == "draft"
    day.assessment.refresh_from_db()
    assert day.assessment.state == State.IN_REVIEW


def test_the_pdf_footer_prints_an_ampersand_in_the_pct_name_as_written(world):
    world.pct.name = "Ashton, Leigh & Wigan PCT"
    world.pct.save()
    review_day(world, reported=True)
    pdf_url = reverse("panels:report_pdf", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    response = world.client_for("pct_lead").get(pdf_url)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "&amp;" not in text
    assert "Ashton, Leigh & Wigan PCT · 2009-10 · version 1" in text


def test_the_pdf_footer_escapes_quotes_and_markup_in_a_name():
    from panels.templatetags.panels_tags import css_string

    assert css_string('Say "hi" </style>\\') == '"Say \\22 hi\\22  \\3c /style\\3e \\5c "'
    assert css_string("Ashton, Leigh & Wigan PCT") == '"Ashton, Leigh & Wigan PCT"'


def test_before_the_review_is_open_the_agreed_ratings_show_as_text_not_fields(world):
    day = review_day(world, State.SUBMITTED)
    row = next(r for r in _items(world.cycle) if r.kind == "competency")
    page = world.client_for("panel_chair").get(WORKSPACE).content.decode()
    assert f'name="v_{row.key}"' not in page and f'name="t_{row.key}"' not in page and 'name="commentary"' not in page
    assert "The agreed ratings can be recorded once the review is open" in page
    assert "Save agreed ratings" not in page and "Open the review</button>" in page
    member = world.client_for("panel_member").get(WORKSPACE).content.decode()
    assert f'name="v_{row.key}"' not in member and "Only the panel chair records the agreed ratings" in member
    assert day.assessment.state == State.SUBMITTED


def test_a_save_refused_before_the_review_is_open_keeps_what_was_typed_and_can_open_and_save(world):
    day = review_day(world, State.SUBMITTED)
    row = next(r for r in _items(world.cycle) if r.kind == "competency")
    typed = {f"v_{row.key}": "3", f"t_{row.key}": "Typed before opening", f"ver_{row.key}": "0"}
    typed |= {"commentary": "Typed commentary", "commentary_version": "0"}
    chair = world.client_for("panel_chair")
    response = chair.post(WORKSPACE, typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert "only while the review is open" in page and "What you typed is kept below" in page
    assert "Typed before opening</textarea>" in page and 'value="3" selected' in page and "Typed commentary" in page
    assert "Open the review and save these ratings" in page
    assert chair.post(WORKSPACE, typed | {"open_review": "1"}).status_code == 302
    day.assessment.refresh_from_db()
    saved = day.assessment.agreed_ratings.get()
    assert day.assessment.state == State.IN_REVIEW and (saved.level, saved.rationale) == (3, "Typed before opening")


def test_open_and_save_before_the_review_day_is_refused_and_keeps_what_was_typed(world):
    day = review_day(world, State.SUBMITTED)
    when = _move_day(day, 2)
    row = next(r for r in _items(world.cycle) if r.kind == "competency")
    typed = {f"v_{row.key}": "3", f"t_{row.key}": "Typed early", f"ver_{row.key}": "0", "open_review": "1"}
    response = world.client_for("panel_chair").post(WORKSPACE, typed | {"commentary_version": "0"})
    page = response.content.decode()
    assert response.status_code == 400 and f"The review day is {when:%-d %B %Y}" in page
    assert "Typed early</textarea>" in page
    day.assessment.refresh_from_db()
    assert day.assessment.state == State.SUBMITTED and not day.assessment.agreed_ratings.exists()


PACK = reverse("panels:pack", kwargs={"cycle_code": "2009-10", "code": "5NT"})


def test_the_pack_opens_with_a_summary_of_its_items_and_what_the_member_has_rated(world):
    day = review_day(world, State.SUBMITTED)
    items = _items(world.cycle)
    first, second, *_ = items
    services.provisional_ratings_save(
        review_day=day, by=world.users["panel_member"], entries={first.key: Entry(3, "Seen at the visit")}
    )
    page = world.client_for("panel_member").get(PACK).content.decode()
    summary = page[page.index('id="summary"') : page.index("</table>", page.index('id="summary"'))]
    assert f"You have rated <strong>1 of {len(items)}</strong> items" in summary
    assert f'href="#{first.key}"' in summary and f'href="#{second.key}"' in summary
    row = summary[summary.index(f'href="#{first.key}"') : summary.index("</tr>", summary.index(f'href="#{first.key}"'))]
    assert row.count("<td") == 3 and "Level 3</td>" in row.split("<td")[2] and "Written" in row.split("<td")[3]
    assert summary.count("Written") == 1
    assert f'<section class="app-pack-item" id="{second.key}"' in page
    data_pack = reverse("outcomes:data_pack", kwargs={"code": "5NT"}) + "?cycle=2009-10"
    assert f'href="{data_pack}"' in page and "north-west/data-pack" not in page  # not a placeholder


def test_saving_one_item_comes_back_to_it_and_keeps_what_was_typed_elsewhere(world):
    day = review_day(world, State.SUBMITTED)
    first, second, *_ = _items(world.cycle)
    posted = {f"v_{second.key}": "2", f"t_{second.key}": "On this item", f"t_{first.key}": "Typed elsewhere"}
    response = world.client_for("panel_member").post(PACK, posted | {"save_item": second.key})
    assert response.status_code == 302 and response["Location"] == f"{PACK}?saved={second.key}#{second.key}"
    notes = {r.item_key: r.notes for r in day.provisional_ratings.all()}
    assert notes == {first.key: "Typed elsewhere", second.key: "On this item"}
    page = world.client_for("panel_member").get(response["Location"]).content.decode()
    item = page[page.index(f'id="{second.key}"') :]
    assert "<strong>Saved.</strong> Your rating of 2. Work with community partners" in item.split("</section>")[0]


def test_opening_the_report_page_writes_nothing_and_the_first_save_creates_version_1(world):
    review_day(world, State.IN_REVIEW)
    client = world.client_for("panel_chair")
    url = reverse("panels:report_edit", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    form = client.get(url).context["form"]
    assert not Report.objects.exists()  # a GET never writes
    data = {name: "" for name in form.fields} | {"revision": form.initial["revision"], "strengths": "Clear plans."}
    assert client.post(url, data).status_code == 302
    report = Report.objects.get()
    assert (report.version, report.strengths) == (1, "Clear plans.")
