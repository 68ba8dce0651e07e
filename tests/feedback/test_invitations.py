"""Inviting partners and reminding them: who may, what the email says, and bad input (issue 19, part 1)."""

import html
import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedback.models import Invitation
from tests.feedback.helpers import answer, invite


def _page(world):
    return reverse("feedback:invitations", args=[world.cycle.code, world.pct.code])


def _text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def test_the_pct_lead_invites_a_partner_who_gets_a_working_link_by_email(world):
    client = world.client_for("pct_lead")
    data = {"name": "Ann Lee", "email": "Ann.Lee@Example.org", "partner_type": "council"}
    response = client.post(_page(world), data)
    assert response.status_code == 302
    invitation = Invitation.objects.get(pct=world.pct, cycle=world.cycle)
    assert (invitation.name, invitation.email, invitation.partner_type) == ("Ann Lee", "ann.lee@example.org", "council")
    assert invitation.invited_by == world.users["pct_lead"]
    [email] = mail.outbox
    assert email.to == ["ann.lee@example.org"] and "Manchester" in email.subject
    link = re.search(r"http://testserver(/partner-feedback/\S+/)", email.body).group(1)
    assert "local authority" in email.body and world.cycle.submission_deadline.strftime("%-d %B %Y") in email.body
    form = world.client_for("anonymous").get(link)
    assert form.status_code == 200
    html = _text(form)
    for name in ("Locally lead the NHS", "Engage with public and patients", "Manage the local health system"):
        assert name in html  # the competencies the framework marks for partner feedback
    assert "Prioritise investment" not in html  # ... and no other
    page = _text(client.get(_page(world)))
    assert "Ann Lee has been invited" in page and "ann.lee@example.org" in page


def test_bad_input_is_shown_by_the_field_and_nothing_typed_is_lost(world):
    response = world.client_for("pct_lead").post(
        _page(world), {"name": "", "email": "not-an-email", "partner_type": ""}
    )
    html = _text(response)
    assert response.status_code == 400
    assert "There is a problem" in html
    for message in (
        "Enter the partner's name",
        "Enter an email address in the correct format",
        "Choose the type of partner",
    ):
        assert message in html
    assert 'value="not-an-email"' in html
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_partner_is_invited_once_per_pct_and_cycle(world):
    client = world.client_for("sha_lead")
    data = {"name": "Ann Lee", "email": "ann@example.org", "partner_type": "council"}
    assert client.post(_page(world), data).status_code == 302
    again = client.post(_page(world), data | {"email": "ANN@example.org", "name": "Ann again"})
    assert again.status_code == 400
    assert "ANN@example.org has already been invited" in _text(again)
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_after_the_deadline_no_one_is_invited_and_the_page_says_why(world):
    world.cycle.submission_deadline = timezone.localdate() - timedelta(days=1)
    world.cycle.save()
    client = world.client_for("pct_lead")
    response = client.post(_page(world), {"name": "Ann Lee", "email": "ann@example.org", "partner_type": "council"})
    assert response.status_code == 400
    assert "submission deadline" in _text(response) and "has passed" in _text(response)
    assert not Invitation.objects.exists() and mail.outbox == []
    assert "no more can be invited" in _text(client.get(_page(world)))


def test_the_sha_lead_invites_only_for_its_own_pcts(world):
    data = {"name": "Ann Lee", "email": "ann@example.org", "partner_type": "council"}
    far = reverse("feedback:invitations", args=[world.cycle.code, world.far_pct.code])
    assert world.client_for("sha_lead").post(far, data).status_code == 404
    assert world.client_for("other_sha_lead").post(far, data).status_code == 302
    assert world.client_for("other_sha_lead").post(_page(world), data).status_code == 404


def test_a_reminder_asks_first_then_emails_only_those_who_have_not_answered(world):
    waiting = [invite(world, n) for n in range(2)]
    answer(invite(world, 9))
    client = world.client_for("pct_lead")
    address = reverse("feedback:remind", args=[world.cycle.code, world.pct.code])
    confirm = client.get(address)
    html = _text(confirm)
    assert confirm.status_code == 200 and "Send reminders" in html
    assert "p0.practice@example.org" in html and "p9.practice@example.org" not in html
    assert mail.outbox == []  # asking first sends nothing
    response = client.post(address)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.email for i in waiting)
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)
    assert [i.reminders_sent for i in Invitation.objects.filter(pk__in=[i.pk for i in waiting])] == [1, 1]
    assert "Reminders sent to 2 partners" in _text(client.get(_page(world)))
    # the reminder's link is the partner's own, and works
    link = re.search(r"http://testserver(/partner-feedback/\S+/)", mail.outbox[0].body).group(1)
    assert world.client_for("anonymous").get(link).status_code == 200


def test_the_pct_lead_sees_who_answered_but_not_what(world):
    answer(invite(world, 1), comment="A private view")
    html = _text(world.client_for("pct_lead").get(_page(world)))
    assert "Answered" in html and "A private view" not in html


def test_the_pcts_pages_offer_inviting_only_while_the_cycle_is_open(world):
    client = world.client_for("pct_lead")
    organisation = reverse("organisation", args=[world.pct.code])
    assert "invite partners and see who has answered" in _text(client.get(organisation))
    world.cycle.submission_deadline = timezone.localdate() - timedelta(days=1)
    world.cycle.save()
    for page in (organisation, reverse("home")):
        text = _text(client.get(page))
        assert "invite partners" not in text
        assert f"Partner feedback in {world.cycle.code}: who was invited and who answered" in text
