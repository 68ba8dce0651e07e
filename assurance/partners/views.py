"""Partnership pages: a council area's PCTs and joint items, its CSV, and DH's import of partnerships."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from assurance import access
from assurance.partnerships import partnerships_import
from assurance.reference import ENGLAND_CODE

from . import selectors
from .forms import PartnershipImportForm


@login_required
def council(request, ons_code: str):
    """A council area's partnership page (printable)."""
    view = selectors.partnership_view(request.user, access.council_for(request.user, ons_code))
    return render(request, "assurance/partners/council.html", {**view, "produced": timezone.now()})


@login_required
def council_csv(request, ons_code: str):
    """The partnership page's tables as one CSV file."""
    view = selectors.partnership_view(request.user, access.council_for(request.user, ons_code))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="partnerships-{ons_code}.csv"'
    csv.writer(response).writerows(selectors.csv_rows(view))
    return response


@login_required
def import_file(request):
    """DH uploads a partnerships CSV; a bad file is refused whole with every problem listed."""
    england = access.organisation_for(request.user, ENGLAND_CODE, access.MANAGE_DATA)
    form = PartnershipImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = partnerships_import(file_bytes=form.cleaned_data["file"].read())
        if not result.errors:
            messages.success(request, f"Partnerships imported: {result}.")
            return redirect("partnerships:import")
    context = {"form": form, "result": result, "england": england}
    return render(request, "assurance/partners/import.html", context, status=400 if result else 200)
