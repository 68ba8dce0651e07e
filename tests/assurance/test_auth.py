"""Signing in: the usual message for a wrong password, throttling, and the page for a user with no role."""

from django.urls import reverse

from tests.personas import PASSWORD


def test_wrong_password_gives_the_usual_message(world, client):
    response = client.post(reverse("login"), {"username": "pct_lead", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_repeated_failures_are_throttled_even_with_the_right_password(world, client):
    for _ in range(5):
        client.post(reverse("login"), {"username": "pct_lead", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "pct_lead", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_right_password_lands_on_the_role_home(world, client):
    response = client.post(reverse("login"), {"username": "pct_lead", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Manchester PCT" in response.content.decode()


def test_a_user_without_a_membership_sees_a_clear_page(world):
    response = world.client_for("no_membership").get(reverse("home"))
    assert response.status_code == 403
    assert "not linked to an organisation" in response.content.decode()


def test_each_role_lands_on_its_own_home(world):
    expectations = {
        "pct_contributor": "Manchester PCT",
        "sha_lead": "PCTs in NHS North West",
        "dh_analyst": "National picture",
        "la_partner": "Local authority partner",
    }
    for role, text in expectations.items():
        body = world.client_for(role).get(reverse("home")).content.decode()
        assert text in body, role


def test_the_sha_home_lists_only_its_own_pcts(world):
    body = world.client_for("sha_lead").get(reverse("home")).content.decode()
    assert "Bolton PCT" in body
    assert "County Durham PCT" not in body
