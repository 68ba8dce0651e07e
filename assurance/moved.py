"""Old addresses of a PCT's pages in a cycle, kept as permanent redirects for a release (docs/architecture.md, "One
shape of address").

Every page about one PCT in one cycle lives under `cycles/<cycle>/pcts/<code>/`. The shapes used before,
`organisations/<code>/cycles/<cycle>/...`, `panel/<cycle>/<code>/...` and `reports/<cycle>/<code>/...`, answer with a
permanent redirect to the page's address now, the query string kept: 301 for GET and HEAD (bookmarks, links in
emails), 308 for a form posted from a page loaded before the move, so the browser posts it again to the new address.
The core names the pages by string, as the root URLconf names the apps' URL modules, and imports no app.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import path, reverse
from django.views import View

app_name = "moved"

# (the old shape, the page's name now). The old shape carries the same parameter names as the new one.
MOVED = [
    ("organisations/<str:code>/cycles/<str:cycle>/outcomes/", "outcomes:priority_outcomes"),
    ("organisations/<str:code>/cycles/<str:cycle>/outcomes/<str:indicator>/", "outcomes:outcome_edit"),
    ("organisations/<str:code>/cycles/<str:cycle>/scorecard/", "outcomes:scorecard"),
    ("organisations/<str:code>/cycles/<str:cycle>/scorecard.csv", "outcomes:scorecard_csv"),
    ("organisations/<str:code>/cycles/<str:cycle>/outcomes/<str:indicator>/joint/", "partnerships:joint_outcome"),
    ("panel/<str:cycle_code>/<str:code>/pack/", "panels:pack"),
    ("panel/<str:cycle_code>/<str:code>/workspace/", "panels:workspace"),
    ("panel/<str:cycle_code>/<str:code>/open/", "panels:open_review"),
    ("reports/<str:cycle_code>/<str:code>/", "panels:report"),
    ("reports/<str:cycle_code>/<str:code>/edit/", "panels:report_edit"),
    ("reports/<str:cycle_code>/<str:code>/sign-off/", "panels:report_sign_off"),
    ("reports/<str:cycle_code>/<str:code>/new-version/", "panels:report_new_version"),
    ("reports/<str:cycle_code>/<str:code>/pdf/", "panels:report_pdf"),
    ("reports/<str:cycle_code>/<str:code>/comments/", "panels:report_comment"),
    ("reports/<str:cycle_code>/<str:code>/recommendations/", "development:recommendations"),
    ("reports/<str:cycle_code>/<str:code>/recommendations/<int:pk>/", "development:recommendation_edit"),
    ("reports/<str:cycle_code>/<str:code>/recommendations/<int:pk>/remove/", "development:recommendation_remove"),
]


def name_of(new: str) -> str:
    """The redirect's own URL name (`moved:panels-pack`), for the access matrix and the tests."""
    return new.replace(":", "-")


class Moved(View):
    """Answer an old address with the new one, permanently; the query string is kept."""

    target = ""

    def dispatch(self, request, *args, **kwargs):
        url = reverse(self.target, kwargs=kwargs)
        if request.META.get("QUERY_STRING"):
            url = f"{url}?{request.META['QUERY_STRING']}"
        keep_method = request.method not in ("GET", "HEAD")
        return HttpResponsePermanentRedirect(url, preserve_request=keep_method)


urlpatterns = [path(old, Moved.as_view(target=new), name=name_of(new)) for old, new in MOVED]
