"""The SHA lead sets up the panel and its review days; members find their review days on the home page."""

import re

import pytest
from django.urls import reverse

from assurance.models import Assessment
from panels.models import AgreedRating, Panel, ReviewDay
from panels.selectors import _items
from tests.panels.helpers import review_day, seat_user

pytestmark = pytest.mark.django_db

SETUP = reverse("panels:setup", kwargs={"sha_code": "Q31", "cycle_code": "2009-10"})


def test_the_sha_lead_seats_members_then_chooses_the_chair_and_an_external_member(world):
    lead = world.client_for("sha_lead")
    external = seat_user("panel_outsider", world.sha)
    assert "The panel has no chair." in lead.get(SETUP).content.decode()
    lead.post(SETUP, {"add_member": "1", "user": world.users["panel_chair"].pk})
    page = lead.post(SETUP, {"add_member": "1", "user": external.pk, "external": "on"}, follow=True).content.decode()
    assert "no external member" not in page and "The panel has no chair." in page
    chair_url = reverse("panels:chair", kwargs={"sha_code": "Q31", "cycle_code": "2009-10"})
    assert chair_url in page
    confirm = lead.get(chair_url, {"user": world.users["panel_chair"].pk}).content.decode()
    assert "The panel has no chair now." in confirm
    lead.post(chair_url, {"user": world.users["panel_chair"].pk, "current": "0"})
    panel = Panel.objects.get(sha=world.sha, cycle=world.cycle)
    assert [m.user.username for m in panel.members.filter(is_chair=True)] == ["panel_chair"]
    assert "no chair" not in lead.get(SETUP).content.decode()


def _options(page: str) -> list[str]:
    select = page[page.index('name="user"') : page.index("</select>", page.index('name="user"'))]
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)


def test_the_person_list_offers_the_shas_people_not_yet_on_the_panel(world):
    review_day(world)  # chair, member and an external already seated
    newcomer = seat_user("panel_newcomer", world.sha)
    offered = _options(world.client_for("sha_lead").get(SETUP).content.decode())
    assert "Newcomer Tester" in offered and world.users["sha_lead"].get_full_name() in offered
    seated = [world.users[r].get_full_name() for r in ("panel_member", "panel_chair")]
    assert not set(seated) & set(offered)
    assert newcomer.get_full_name() != ""


def test_adding_a_member_never_changes_the_chair(world):
    day = review_day(world)
    newcomer = seat_user("panel_newcomer", world.sha)
    lead = world.client_for("sha_lead")
    page = lead.post(SETUP, {"add_member": "1", "user": newcomer.pk, "is_chair": "on"}, follow=True).content.decode()
    assert "Newcomer Tester is on the panel as a member." in page
    chairs = day.panel.members.filter(is_chair=True)
    assert [m.user.username for m in chairs] == ["panel_chair"]
    assert not day.panel.members.get(user=newcomer).is_chair


def test_seating_the_sha_lead_gives_the_panel_member_role_so_the_seat_can_rate(world):
    from assurance import access as assurance_access

    day = review_day(world)
    lead_user = world.users["sha_lead"]
    page = world.client_for("sha_lead").post(SETUP, {"add_member": "1", "user": lead_user.pk}, follow=True)
    assert "They now hold the panel member role at NHS North West." in page.content.decode()
    assert day.panel.members.filter(user=lead_user).exists()
    assert assurance_access.can(lead_user, assurance_access.RATE_PROVISIONAL, world.pct)


def test_changing_the_chair_is_its_own_action_confirmed_naming_both_people(world):
    day = review_day(world)
    lead = world.client_for("sha_lead")
    chair_url = reverse("panels:chair", kwargs={"sha_code": "Q31", "cycle_code": "2009-10"})
    assert "Change the chair" in lead.get(SETUP).content.decode()
    choose = lead.get(chair_url).content.decode()
    assert 'type="radio"' in choose and "Panel Chair chairs the panel now." in choose
    member = world.users["panel_member"]
    confirm = lead.get(chair_url, {"user": member.pk}).content.decode()
    assert "Make Panel Member the chair?" in confirm
    assert "<strong>Panel Chair</strong>, the chair now, will stay on the panel as a member" in confirm
    assert day.panel.members.get(is_chair=True).user.username == "panel_chair"  # the GET changed nothing
    current = world.users["panel_chair"].pk
    page = lead.post(chair_url, {"user": member.pk, "current": current}, follow=True).content.decode()
    assert "Panel Member now chairs the panel. Panel Chair stays on the panel as a member." in page
    assert day.panel.members.get(is_chair=True).user == member
    assert day.panel.members.filter(user=world.users["panel_chair"]).exists()
    # a second tab still showing the old chair is told, and changes nothing
    stale = lead.post(chair_url, {"user": world.users["panel_chair"].pk, "current": current})
    assert stale.status_code == 400 and "The chair changed since you opened this page" in stale.content.decode()
    assert day.panel.members.get(is_chair=True).user == member


def test_removing_a_member_asks_first_and_says_what_will_happen(world):
    day = review_day(world)
    lead = world.client_for("sha_lead")
    chair = day.panel.members.get(is_chair=True)
    url = reverse("panels:member_remove", kwargs={"sha_code": "Q31", "cycle_code": "2009-10", "pk": chair.pk})
    assert url in lead.get(SETUP).content.decode()
    page = lead.get(url).content.decode()
    assert "Remove Panel Chair from the panel?" in page and "the panel will have no chair" in page
    assert day.panel.members.filter(pk=chair.pk).exists()  # the GET removed no one
    page = lead.post(url, follow=True).content.decode()
    assert "Panel Chair is no longer on the panel. The panel has no chair: choose one." in page
    assert not day.panel.members.filter(pk=chair.pk).exists()


def test_only_the_shas_own_panel_people_can_be_seated(world):
    lead = world.client_for("sha_lead")
    response = lead.post(SETUP, {"add_member": "1", "user": world.users["other_panel_chair"].pk})
    page = response.content.decode()
    assert response.status_code == 400 and "Choose one of the SHA&#x27;s people who is not yet on the panel" in page


def test_a_review_day_with_missing_fields_is_refused_with_messages_and_keeps_the_input(world):
    url = reverse("panels:review_day", kwargs={"sha_code": "Q31", "cycle_code": "2009-10", "code": "5NT"})
    lead = world.client_for("sha_lead")
    response = lead.post(url, {"place": "", "attendees": "Chief executive", "date": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the date of the review day" in page and "Enter where the review day takes place" in page
    assert "Chief executive" in page
    response = lead.post(url, {"date": "2009-11-02", "place": "Parkway", "factual_accuracy_until": "2009-11-01"})
    assert "must close on or after the review day" in response.content.decode()
    lead.post(url, {"date": "2009-11-02", "place": "Parkway", "factual_accuracy_until": "2009-11-30"})
    assert ReviewDay.objects.get(assessment=world.assessment).place == "Parkway"


def test_members_see_their_upcoming_review_days_on_the_home_page(world):
    review_day(world)
    home = world.client_for("panel_member").get("/").content.decode()
    assert "Review days" in home and "Manchester PCT" in home and "Parkway" in home
    assert "Parkway" not in world.client_for("other_panel_chair").get("/").content.decode()


def test_a_stale_agreed_rating_in_the_workspace_is_told_and_the_input_kept(world):
    day = review_day(world)
    row = next(r for r in _items(world.cycle) if r.kind == "competency")
    AgreedRating.objects.create(
        assessment=day.assessment, competency=row.item, level=2, rationale="Saved in another tab", version=2
    )
    url = reverse("panels:workspace", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    response = world.client_for("panel_chair").post(
        url, {f"v_{row.key}": "4", f"t_{row.key}": "My view", f"ver_{row.key}": "1", "commentary_version": "0"}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved the agreed rating of 1. Locally lead the NHS since you opened the page" in page
    assert "My view" in page and AgreedRating.objects.get().rationale == "Saved in another tab"
    assert f'name="ver_{row.key}" value="2"' in page  # saving again now replaces it, knowingly
    again = {f"v_{row.key}": "4", f"t_{row.key}": "My view", f"ver_{row.key}": "2", "commentary_version": "0"}
    assert world.client_for("panel_chair").post(url, again).status_code == 302
    assert (AgreedRating.objects.get().level, AgreedRating.objects.get().version) == (4, 3)


def test_the_pct_home_page_links_to_the_report_once_reported(world):
    review_day(world)
    assert "Read the panel" not in world.client_for("pct_lead").get("/").content.decode()
    review_day(world, reported=True)
    assert "Read the panel's 2009-10 report" in world.client_for("pct_lead").get("/").content.decode()


def test_opening_the_set_up_pages_writes_nothing(world):
    """A GET neither creates the panel nor starts the PCT's self-assessment; the first POST sets the panel up."""
    cycle = world.previous_cycle.code
    lead = world.client_for("sha_lead")
    setup = reverse("panels:setup", kwargs={"sha_code": "Q31", "cycle_code": cycle})
    day = reverse("panels:review_day", kwargs={"sha_code": "Q31", "cycle_code": cycle, "code": "5NT"})
    started = Assessment.objects.filter(organisation=world.pct, cycle=world.previous_cycle)
    assert not started.exists()
    page = lead.get(setup)
    assert page.status_code == 200 and "The panel has no chair." in page.content.decode()
    assert lead.get(day).status_code == 200
    assert not Panel.objects.filter(cycle=world.previous_cycle).exists() and not started.exists()
    lead.post(setup, {"save_data_pack": "1", "data_pack_url": "https://example.org/pack.pdf"})
    assert Panel.objects.get(sha=world.sha, cycle=world.previous_cycle).data_pack_url == "https://example.org/pack.pdf"
