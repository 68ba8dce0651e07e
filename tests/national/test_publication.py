"""Publication as a record (issue 16, defects 1, 2 and 8): publishing again never takes a public card down, one
PCT's factual-accuracy window holds back only that PCT, and publish and withdraw each ask for confirmation first."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assurance.activity import collect
from assurance.choices import State
from assurance.models import Assessment
from assurance.national import selectors, services
from assurance.national.models import Publication, Withdrawal
from panels.models import Panel, ReviewDay
from tests.national.helpers import sign_off_moderation, signed_off

PAGE = reverse("national:publication", args=["2009-10"])
WITHDRAW = reverse("national:withdraw", args=["2009-10"])


@pytest.fixture
def publish(world, eager_celery, django_capture_on_commit_callbacks):
    """Publish (as DH, through the service) with the rollups and cards computed as the worker would."""

    sign_off_moderation(world.cycle)

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.cycle_publish(cycle=world.cycle, by=world.users["dh_analyst"], **kwargs)

    return run


@pytest.fixture
def withdraw(world, eager_celery, django_capture_on_commit_callbacks):
    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.cycle_withdraw(cycle=world.cycle, by=world.users["dh_analyst"], **kwargs)

    return run


def _public(code: str) -> int:
    return Client().get(reverse("national:report_card", args=["2009-10", code])).status_code


def _codes(record) -> list[str]:
    return sorted(record.pcts.values_list("code", flat=True))


def _window(world, code: str, until):
    """A review day for the PCT whose factual-accuracy window runs until `until`."""
    panel, _ = Panel.objects.get_or_create(sha=world.sha, cycle=world.cycle)
    assessment = Assessment.objects.get(organisation__code=code, cycle=world.cycle)
    return ReviewDay.objects.create(
        panel=panel, assessment=assessment, date=timezone.localdate(), place="Parkway", factual_accuracy_until=until
    )


def test_publishing_again_with_an_embargo_leaves_cards_already_public_online(world, publish):
    signed_off("5NT", world.cycle, levels={1: 2})
    first = publish()
    assert _public("5NT") == 200
    signed_off("5HQ", world.cycle, levels={1: 3})
    next_week = timezone.now() + timedelta(days=7)
    second = publish(visible_from=next_week)
    assert _public("5NT") == 200  # the old code rewrote the one publication row: this was 404
    assert _public("5HQ") == 404  # under its own embargo
    index = Client().get(reverse("national:report_card_index", args=["2009-10"]))
    assert index.status_code == 200 and "Manchester PCT" in index.content.decode()
    first.refresh_from_db()
    assert (_codes(first), _codes(second)) == (["5NT"], ["5HQ"])
    assert first.visible_from < timezone.now() and second.visible_from == next_week
    assert Publication.objects.count() == 2


def test_publishing_again_with_no_embargo_does_not_keep_an_old_one(world, publish):
    signed_off("5NT", world.cycle, levels={1: 2})
    publish(visible_from=timezone.now() + timedelta(days=7))
    signed_off("5HQ", world.cycle, levels={1: 3})
    second = publish()
    assert second.visible_from <= timezone.now()
    assert (_public("5HQ"), _public("5NT")) == (200, 404)  # the new PCT now; the embargoed one still waits


def test_a_publication_or_withdrawal_record_is_never_rewritten(world, publish, withdraw):
    signed_off("5NT", world.cycle, levels={1: 2})
    publication = publish()
    publication.visible_from = timezone.now() + timedelta(days=1)
    with pytest.raises(ValueError, match="never changed"):
        publication.save()
    withdrawal = withdraw(reason="A rating was recorded wrongly")
    withdrawal.reason = "Something else"
    with pytest.raises(ValueError, match="never changed"):
        withdrawal.save()


def test_withdrawing_some_cards_keeps_the_others_public_and_logs_the_reason(world, publish, withdraw):
    signed_off("5NT", world.cycle, levels={1: 2})
    signed_off("5HQ", world.cycle, levels={1: 3})
    publish()
    withdrawal = withdraw(reason="The panel recorded a level wrongly", pct_codes=["5NT"])
    assert _codes(withdrawal) == ["5NT"]
    assert (_public("5NT"), _public("5HQ")) == (404, 200)
    assert Assessment.objects.get(organisation__code="5NT", cycle=world.cycle).state == State.REPORTED
    logged = collect(Assessment.objects.get(organisation__code="5NT", cycle=world.cycle))
    assert any(e.reason == "The panel recorded a level wrongly" and e.changes for e in logged)
    # Published again later: a new record, and the card shows again.
    again = publish()
    assert _codes(again) == ["5NT"] and _public("5NT") == 200
    kinds = [entry.kind for entry in selectors.publication_history(world.cycle)]
    assert kinds == ["published", "withdrawn", "published"]


def test_an_open_window_holds_back_only_its_own_pct(world, publish):
    signed_off("5NT", world.cycle, levels={1: 2})
    signed_off("5HQ", world.cycle, levels={1: 3})
    closes = timezone.localdate() + timedelta(days=3)
    _window(world, "5NT", closes)
    publication = publish()  # the old code refused the whole cycle
    assert _codes(publication) == ["5HQ"]
    page = world.client_for("dh_analyst").get(PAGE).content.decode()
    assert "Held back: not published until their window closes" in page
    assert "Manchester PCT (5NT)" in page and f"{closes.day} {closes:%B %Y}" in page
    assert "Factual-accuracy window still open" in page


def test_with_every_ready_pct_held_back_the_refusal_names_them_and_the_date(world):
    signed_off("5NT", world.cycle, levels={1: 2})
    sign_off_moderation(world.cycle)
    closes = timezone.localdate() + timedelta(days=2)
    _window(world, "5NT", closes)
    response = world.client_for("dh_analyst").post(PAGE, {})
    assert response.status_code == 400
    assert f"Manchester PCT until {closes.day} {closes:%B %Y}" in response.content.decode()
    assert not Publication.objects.exists()


def test_publish_asks_for_confirmation_naming_the_pcts_and_the_time(world):
    signed_off("5NT", world.cycle, levels={1: 2})
    sign_off_moderation(world.cycle)
    signed_off("5HQ", world.cycle, levels={1: 3})
    client = world.client_for("dh_analyst")
    response = client.post(PAGE, {"embargo_date": "2031-06-30", "embargo_time": "09:30"})
    page = response.content.decode()
    assert response.status_code == 200 and "Publish 2 report cards?" in page
    assert "Manchester PCT (5NT)" in page and "Heywood" not in page
    assert "become public on <strong>30 June 2031 at 09:30</strong>" in page
    assert not Publication.objects.exists()  # nothing happens until confirmed
    assert not Assessment.objects.filter(cycle=world.cycle, state=State.PUBLISHED).exists()
    now = client.post(PAGE, {}).content.decode()
    assert "as soon as you confirm" in now


def test_withdraw_asks_for_confirmation_naming_the_pcts(world, publish):
    signed_off("5NT", world.cycle, levels={1: 2})
    signed_off("5HQ", world.cycle, levels={1: 3})
    publish()
    client = world.client_for("dh_analyst")
    response = client.post(WITHDRAW, {"which": "chosen", "pcts": ["5HQ"], "reason": "Wrong level"})
    page = response.content.decode()
    assert response.status_code == 200 and "Withdraw 1 report card?" in page
    assert "(5HQ)" in page and "Manchester PCT (5NT)" not in page and "Wrong level" in page
    assert not Withdrawal.objects.exists()
    assert _public("5HQ") == 200


def test_withdrawing_chosen_pcts_without_choosing_any_is_explained(world, publish):
    signed_off("5NT", world.cycle, levels={1: 2})
    publish()
    response = world.client_for("dh_analyst").post(WITHDRAW, {"which": "chosen", "reason": "Wrong"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Select at least one PCT" in page
    assert "Wrong</textarea>" in page  # the reason typed is kept
    assert not Withdrawal.objects.exists()


def test_the_publication_page_lists_the_history(world, publish, withdraw):
    signed_off("5NT", world.cycle, levels={1: 2})
    publish()
    withdraw(reason="Figures corrected")
    page = world.client_for("dh_analyst").get(PAGE).content.decode()
    assert "Publication history" in page
    assert page.count('govuk-tag--green">Published') == 1 and "Figures corrected" in page
    assert "Records are never changed" in page


def test_a_confirmation_naming_no_pct_publishes_nothing(world):
    signed_off("5NT", world.cycle, levels={1: 2})
    sign_off_moderation(world.cycle)
    response = world.client_for("dh_analyst").post(reverse("national:publish_confirm", args=["2009-10"]), {})
    assert response.status_code == 302 and not Publication.objects.exists()
