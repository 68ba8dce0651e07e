"""Concurrent saves on PostgreSQL: members' provisional ratings never collide; a stale agreed rating is told."""

import threading
import time

import pytest
from django.db import connection, transaction

from panels import selectors, services
from panels.models import AgreedRating, PanelMember, ProvisionalRating
from panels.services import Conflict, Entry
from tests.conftest import requires_postgres
from tests.panels.helpers import review_day, seat_user

pytestmark = [requires_postgres(), pytest.mark.django_db(transaction=True)]


def _in_thread(target, results, name):
    def run():
        try:
            results[name] = target()
        except Exception as error:  # the test inspects what each side got
            results[name] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _first(day):
    return next(r for r in selectors._items(day.assessment.cycle) if r.kind == "competency")


def test_two_members_saving_provisional_ratings_at_once_both_succeed(world_tx):
    day = review_day(world_tx)
    second = seat_user("panel_second", world_tx.sha)
    PanelMember.objects.create(panel=day.panel, user=second)
    keys = [r.key for r in selectors._items(day.assessment.cycle)]
    barrier, results = threading.Barrier(2), {}

    def save(user, level):
        def target():
            with transaction.atomic():
                barrier.wait(timeout=5)  # both transactions are open before either writes
                count = services.provisional_ratings_save(
                    review_day=day, by=user, entries={k: Entry(level if k[0] == "c" else "amber") for k in keys}
                )
                time.sleep(0.2)
                return count

        return target

    threads = [
        _in_thread(save(world_tx.users["panel_member"], 2), results, "member"),
        _in_thread(save(second, 4), results, "second"),
    ]
    for thread in threads:
        thread.join(10)
    assert results == {"member": len(keys), "second": len(keys)}
    assert ProvisionalRating.objects.filter(review_day=day).count() == 2 * len(keys)


@pytest.mark.parametrize("existing", [False, True], ids=["first-record", "change"])
def test_the_later_of_two_saves_of_the_same_agreed_rating_is_told(world_tx, existing):
    day = review_day(world_tx)
    chair, row = world_tx.users["panel_chair"], _first(day)
    if existing:
        services.agreed_ratings_save(review_day=day, by=chair, entries={row.key: Entry(2, "Start")})
    seen = AgreedRating.objects.filter(competency_id=row.item.pk).first()
    version = seen.version if seen else 0
    first_wrote, results = threading.Event(), {}

    def first():
        with transaction.atomic():
            services.agreed_ratings_save(review_day=day, by=chair, entries={row.key: Entry(3, "First", version)})
            first_wrote.set()
            time.sleep(0.5)  # hold the row (or the new key) while the second save arrives

    def later():
        first_wrote.wait(5)
        return services.agreed_ratings_save(review_day=day, by=chair, entries={row.key: Entry(1, "Later", version)})

    threads = [_in_thread(first, results, "first"), _in_thread(later, results, "later")]
    for thread in threads:
        thread.join(10)
    assert results["first"] is None
    assert isinstance(results["later"], Conflict) and results["later"].keys == [row.key]
    saved = AgreedRating.objects.get(competency_id=row.item.pk)
    assert (saved.level, saved.rationale) == (3, "First")
