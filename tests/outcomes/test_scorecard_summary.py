"""The scorecard opens with a summary: each outcome in one row with its comparison and trend, linking to its chart."""

import re

from django.urls import reverse

from outcomes.models import Indicator
from tests.outcomes.test_pages import CHOICE, _choose


def test_the_scorecard_opens_with_a_summary_linking_to_each_chart(scored):
    _choose(scored)
    url = reverse("outcomes:scorecard", kwargs={"code": scored.pct.code, "cycle": scored.cycle.code})
    page = scored.client_for("pct_lead").get(url).content.decode()
    summary = page[page.index('id="summary"') : page.index("</table>", page.index('id="summary"'))]
    assert page.index('id="summary"') < page.index('id="outcome-1"'), "the summary comes before the first outcome"
    rows = re.findall(r'<a class="govuk-link" href="#(outcome-\d+-chart)">([^<]+)</a>', summary)
    names = dict(Indicator.objects.filter(code__in=CHOICE).values_list("name", "code"))
    assert sorted(name for _, name in rows) == sorted(names)
    for anchor, _ in rows:
        assert f'id="{anchor}"' in page, f"the summary links to #{anchor}, which is not on the page"
    assert summary.count("govuk-tag") >= 2 * len(rows)  # a comparison and a trend for each
    assert page.count('href="#summary">Back to the summary') == len(rows)
