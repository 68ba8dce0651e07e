"""A partner's link: answering once, checking first, and links that are altered, used or expired (issue 19)."""

import html
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from feedback import links, services
from feedback.models import Answer, Invitation, Response
from feedback.selectors import asked_competencies
from tests.feedback.helpers import answer, form_data, invite, signed, token


def _text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def _link(invitation) -> str:
    return reverse("feedback:respond", args=[token(invitation)])


def test_a_partner_answers_checks_and_sends_once(world):
    invitation = invite(world)
    client = world.client_for("anonymous")
    link = _link(invitation)
    competencies = asked_competencies(world.cycle)
    first = competencies[0]
    # missing levels: told by each field, the comment kept
    partial = {f"comment_{first.pk}": "Typed comment", "action": "Continue"}
    response = client.post(link, partial)
    html = _text(response)
    assert response.status_code == 400
    assert "There is a problem" in html and "Choose a level for Locally lead the NHS, or don't know" in html
    assert "Typed comment</textarea>" in html
    # all answered: the check page, nothing written yet
    data = form_data(world, level="3", action="Continue") | {
        f"level_{first.pk}": "dont_know",
        f"comment_{first.pk}": "Seen little",
    }
    check = client.post(link, data)
    assert check.status_code == 200 and "Check your answers" in _text(check)
    assert "Don't know" in _text(check) and "Seen little" in _text(check)
    assert not Response.objects.exists()
    # change: back to the form with the answers kept
    change = client.post(link, data | {"action": "change"})
    assert change.status_code == 200 and "Seen little</textarea>" in _text(change)
    assert not Response.objects.exists()
    # send
    sent = client.post(link, data | {"action": "send"})
    assert sent.status_code == 302 and sent.url == reverse("feedback:thanks")
    assert "your answers have been sent" in _text(client.get(sent.url))
    response = Response.objects.get(invitation=invitation)
    stored = {a.competency_id: (a.level, a.comment) for a in response.answers.all()}
    assert stored == {c.pk: (None, "Seen little") if c == first else (3, "") for c in competencies}
    # the link is used: it says so, and a second send changes nothing
    again = client.get(link)
    assert again.status_code == 410 and "You have already answered" in _text(again)
    resend = client.post(link, form_data(world, level="1"))
    assert resend.status_code == 410 and "You have already answered" in _text(resend)
    assert Response.objects.count() == 1
    assert set(Answer.objects.values_list("level", flat=True)) == {None, 3}


def test_a_tampered_level_is_refused(world):
    link = _link(invite(world))
    response = world.client_for("anonymous").post(link, form_data(world, level="5"))
    assert response.status_code == 400 and "Select a valid choice" in _text(response)
    assert not Response.objects.exists()


@pytest.mark.parametrize("change", ["drop_last", "flip", "other_nonce", "made_up"])
def test_an_altered_link_says_so_and_writes_nothing(world, change):
    invitation = invite(world)
    good = token(invitation)
    altered = {
        "drop_last": good[:-1],
        "flip": good[:-2] + ("A" if good[-2] != "A" else "B") + good[-1],
        "other_nonce": links.make_token(invitation.pk, "guessed"),
        "made_up": "1:abcdef",
    }[change]
    client = world.client_for("anonymous")
    address = reverse("feedback:respond", args=[altered])
    page = client.get(address)
    assert page.status_code == 404 and "This link does not work" in _text(page) and "altered" in _text(page)
    assert client.post(address, form_data(world)).status_code == 404
    assert not Response.objects.exists()


def test_an_expired_link_says_so_and_writes_nothing(world):
    invitation = invite(world)
    world.cycle.submission_deadline = timezone.localdate() - timedelta(days=1)
    world.cycle.save()
    client = world.client_for("anonymous")
    page = client.get(_link(invitation))
    assert page.status_code == 410 and "This link has expired" in _text(page)
    assert client.post(_link(invitation), form_data(world)).status_code == 410
    assert not Response.objects.exists()


def test_the_link_works_through_the_whole_deadline_day(world):
    invitation = invite(world)
    world.cycle.submission_deadline = timezone.localdate()
    world.cycle.save()
    assert world.client_for("anonymous").get(_link(invitation)).status_code == 200


def test_the_service_records_one_response_per_link(world):
    invitation = invite(world)
    answers = {c.pk: (2, "") for c in asked_competencies(world.cycle)}
    services.response_submit(signed=signed(invitation), answers=answers)
    with pytest.raises(services.LinkRefused) as refused:
        services.response_submit(signed=signed(invitation), answers=answers)
    assert refused.value.state == links.USED
    assert Response.objects.count() == 1


def test_the_database_holds_one_response_per_invitation(world):
    invitation = invite(world)
    answer(invitation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(invitation=invitation)


def test_answers_must_cover_exactly_the_competencies_asked(world):
    invitation = invite(world)
    with pytest.raises(ValueError):
        services.response_submit(signed=signed(invitation), answers={1: (3, "")})
    assert not Response.objects.exists()


def test_removing_an_invitation_kills_its_link(world):
    invitation = invite(world)
    link = _link(invitation)
    Invitation.objects.filter(pk=invitation.pk).delete()
    assert world.client_for("anonymous").get(link).status_code == 404
