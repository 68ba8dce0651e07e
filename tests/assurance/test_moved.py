"""One shape of address for a PCT in a cycle: the old shapes answer with a permanent redirect to the page's address
now, the query string kept (assurance/moved.py)."""

import pytest
from django.urls import reverse

from assurance.moved import MOVED

pytestmark = pytest.mark.django_db

# Written out, not derived from MOVED, so that a changed old or new shape fails here.
OLD_TO_NEW = [
    ("/organisations/5NT/cycles/2009-10/outcomes/", "/cycles/2009-10/pcts/5NT/outcomes/"),
    ("/organisations/5NT/cycles/2009-10/outcomes/VSA01/", "/cycles/2009-10/pcts/5NT/outcomes/VSA01/"),
    ("/organisations/5NT/cycles/2009-10/scorecard/", "/cycles/2009-10/pcts/5NT/scorecard/"),
    ("/organisations/5NT/cycles/2009-10/scorecard.csv", "/cycles/2009-10/pcts/5NT/scorecard.csv"),
    ("/organisations/5NT/cycles/2009-10/outcomes/VSA01/joint/", "/cycles/2009-10/pcts/5NT/outcomes/VSA01/joint/"),
    ("/panel/2009-10/5NT/pack/", "/cycles/2009-10/pcts/5NT/panel/pack/"),
    ("/panel/2009-10/5NT/workspace/", "/cycles/2009-10/pcts/5NT/panel/workspace/"),
    ("/panel/2009-10/5NT/open/", "/cycles/2009-10/pcts/5NT/panel/open/"),
    ("/reports/2009-10/5NT/", "/cycles/2009-10/pcts/5NT/report/"),
    ("/reports/2009-10/5NT/edit/", "/cycles/2009-10/pcts/5NT/report/edit/"),
    ("/reports/2009-10/5NT/sign-off/", "/cycles/2009-10/pcts/5NT/report/sign-off/"),
    ("/reports/2009-10/5NT/new-version/", "/cycles/2009-10/pcts/5NT/report/new-version/"),
    ("/reports/2009-10/5NT/pdf/", "/cycles/2009-10/pcts/5NT/report/pdf/"),
    ("/reports/2009-10/5NT/comments/", "/cycles/2009-10/pcts/5NT/report/comments/"),
    ("/reports/2009-10/5NT/recommendations/", "/cycles/2009-10/pcts/5NT/report/recommendations/"),
    ("/reports/2009-10/5NT/recommendations/7/", "/cycles/2009-10/pcts/5NT/report/recommendations/7/"),
    ("/reports/2009-10/5NT/recommendations/7/remove/", "/cycles/2009-10/pcts/5NT/report/recommendations/7/remove/"),
]


def test_every_moved_page_is_listed_here():
    assert len(OLD_TO_NEW) == len(MOVED)


@pytest.mark.parametrize(("old", "new"), OLD_TO_NEW)
def test_an_old_address_redirects_permanently_with_its_query_string(client, old, new):
    response = client.get(old + "?version=2&saved=c1")
    assert response.status_code == 301
    assert response["Location"] == new + "?version=2&saved=c1"
    bare = client.get(old)
    assert bare.status_code == 301 and bare["Location"] == new


def test_the_new_addresses_are_the_pages_names():
    assert (
        reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"}) == "/cycles/2009-10/pcts/5NT/report/"
    )
    assert (
        reverse("outcomes:scorecard", kwargs={"cycle": "2009-10", "code": "5NT"})
        == "/cycles/2009-10/pcts/5NT/scorecard/"
    )


def test_a_form_posted_to_an_old_address_is_posted_again_to_the_new_one(world):
    """308, not 301: the browser repeats the POST (with its CSRF token) instead of turning it into a GET."""
    response = world.client_for("panel_chair").post("/reports/2009-10/5NT/sign-off/", {"confirm": "1"})
    assert response.status_code == 308
    assert response["Location"] == "/cycles/2009-10/pcts/5NT/report/sign-off/"


def test_an_old_address_followed_reaches_the_page(world):
    response = world.client_for("pct_lead").get("/organisations/5NT/cycles/2009-10/scorecard/", follow=True)
    assert response.redirect_chain == [("/cycles/2009-10/pcts/5NT/scorecard/", 301)]
    assert response.status_code == 200
