"""Issue 14 on the partnership pages: the joint needs assessment edits and saves again, its page has no nested
forms, its missing document is a 404, an amount too big for storage is a form error, and text is limited."""

from html.parser import HTMLParser

from django.urls import reverse

from assurance.fields import TEXT_MAX_LENGTH
from competencies.models import JointNeedsAssessment
from outcomes.models import PooledBudget
from tests.partnerships.access_cases import needs_assessment


class FormNesting(HTMLParser):
    """The deepest nesting of <form> elements in a page."""

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def form_depth(page: str) -> int:
    parser = FormNesting()
    parser.feed(page)
    return parser.deepest


def _form_data(page_form) -> dict:
    """What the page's form would send back unchanged: each field's initial value as rendered."""
    data = {}
    for name, field in page_form.fields.items():
        value = page_form[name].value()
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
    return data


def test_a_saved_needs_assessment_is_edited_and_saved_again(world):
    saved = needs_assessment(world)  # dated 30 June 2009
    client = world.client_for("pct_lead")
    url = reverse("partnerships:needs_assessment", args=["5NT"])
    response = client.get(url)
    page = response.content.decode()
    assert 'value="2009-06-30"' in page  # shown in the format the field accepts
    data = _form_data(response.context["form"])
    assert data["assessment_date"] == "2009-06-30"
    data["title"] = "JSNA, refreshed"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    saved.refresh_from_db()
    assert saved.title == "JSNA, refreshed" and str(saved.assessment_date) == "2009-06-30"


def test_the_needs_assessment_page_has_one_form_not_nested(world):
    needs_assessment(world)
    page = world.client_for("pct_lead").get(reverse("partnerships:needs_assessment", args=["5NT"])).content.decode()
    assert page.count("<form") == page.count("</form>")
    assert form_depth(page) == 1
    assert "</form></form>" not in page


def test_a_needs_assessment_document_missing_on_disk_is_a_404(world):
    found = needs_assessment(world)
    found.document.file.delete(save=False)
    response = world.client_for("la_partner").get(reverse("partnerships:needs_assessment_document", args=[found.pk]))
    assert response.status_code == 404


def test_an_amount_too_big_to_store_is_a_form_error(world):
    url = reverse("partnerships:pooled_budget_new", args=["5NT"])
    data = {"name": "Pool", "legal_basis": "section 75", "services": "Care", "councils": [world.council.pk],
            "amount_5NT_2009-10": "1e30"}  # fmt: skip
    response = world.client_for("pct_lead").post(url, data)
    assert response.status_code == 400
    assert "An amount must be less than £1,000,000,000,000" in response.content.decode()
    assert not PooledBudget.objects.exists()


def test_needs_longer_than_the_limit_are_a_form_error(world):
    url = reverse("partnerships:needs_assessment", args=["5NT"])
    data = {"title": "JSNA", "assessment_date": "2009-06-30", "councils": [world.council.pk],
            "needs": "x" * (TEXT_MAX_LENGTH + 1), "version": ""}  # fmt: skip
    response = world.client_for("pct_lead").post(url, data)
    assert response.status_code == 400
    assert f"Enter {TEXT_MAX_LENGTH:,} characters or fewer" in response.content.decode()
    assert not JointNeedsAssessment.objects.exists()
