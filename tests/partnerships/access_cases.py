"""Access cases for the partnership pages, the PCT's joint-working pages and the API (`partnerships`)."""

import datetime

from django.core.files.base import ContentFile

from competencies.models import JointNeedsAssessment
from evidence.models import Evidence
from outcomes.models import Indicator, JointOutcome, PriorityOutcome
from tests.access import EVERYONE, PCT_USERS, SHA_USERS, Case, allow

# Manchester council partners Manchester PCT (5NT, North West): its own partner users, the PCT's users, the North
# West SHA (which may view 5NT) and DH see the page, each reading only the joint items of the PCTs it may see.
MANCHESTER = ("la_partner", *PCT_USERS, *SHA_USERS, "dh_analyst")
# County Durham council partners County Durham PCT (5ND, North East): the North East SHA and DH only.
DURHAM = ("other_sha_lead", "other_panel_chair", "dh_analyst")


def _council(w):
    return {"ons_code": w.council.code}


def _durham(w):
    return {"ons_code": "E06000047"}


def joint_outcome(w) -> JointOutcome:
    """Manchester's alcohol admissions outcome, shared with Manchester council."""
    indicator = Indicator.objects.get(code="ALCOHOL_ADM")
    outcome, _ = PriorityOutcome.objects.get_or_create(assessment=w.assessment, indicator=indicator)
    return JointOutcome.objects.get_or_create(outcome=outcome, council=w.council)[0]


def needs_assessment(w) -> JointNeedsAssessment:
    """Manchester's JSNA with Manchester council, on an uploaded evidence document."""
    found = JointNeedsAssessment.objects.filter(pct=w.pct).first()
    if found:
        return found
    document = Evidence(
        assessment=w.assessment, title="JSNA", original_name="jsna.txt", content_type="text/plain", size=5,
        document_date=datetime.date(2009, 6, 30),
    )  # fmt: skip
    document.file.save("jsna.txt", ContentFile(b"needs"), save=False)
    document.save()
    found = JointNeedsAssessment.objects.create(
        pct=w.pct, title="JSNA", assessment_date=datetime.date(2009, 6, 30), document=document, needs=["Obesity"]
    )
    found.councils.set([w.council])
    return found


def _comment(w):
    return {"ons_code": w.council.code, "pk": joint_outcome(w).pk}


def _joint_page(w):
    return {"code": w.pct.code, "cycle": w.cycle.code, "indicator": joint_outcome(w).outcome.indicator.code}


PCT_EDIT = allow(*PCT_USERS, *SHA_USERS, "dh_analyst", status=403) | {r: 200 for r in PCT_USERS}

CASES = [
    Case("partnerships:council", allow(*MANCHESTER), kwargs=_council),
    Case("partnerships:council", allow(*DURHAM), kwargs=_durham),
    Case("partnerships:council", allow(), kwargs=lambda w: {"ons_code": "E99999999"}),
    Case("partnerships:council", allow(), kwargs=lambda w: {"ons_code": w.pct.code}),  # a PCT is not a council
    Case("partnerships:csv", allow(*MANCHESTER), kwargs=_council),
    Case("partnerships:csv", allow(*DURHAM), kwargs=_durham),
    Case("partnerships:api", allow(*MANCHESTER, anonymous=403), kwargs=_council),
    Case("partnerships:api", allow(*DURHAM, anonymous=403), kwargs=_durham),
    Case("partnerships:import", allow("dh_analyst")),
    Case("partnerships:import", allow("dh_analyst", status=200), method="post"),  # an empty form re-renders
    # Only the council's own partner users comment; others who read the page are refused, strangers see nothing.
    Case(
        "partnerships:comment",
        allow(*PCT_USERS, *SHA_USERS, "dh_analyst", status=403) | {"la_partner": 302},
        kwargs=_comment,
        method="post",
        data=lambda w: {"text": "We share this aim."},
    ),
    Case("partnerships:comment", allow(*EVERYONE, status=405, no_membership=405), kwargs=_comment),
    Case("partnerships:joint_outcome", PCT_EDIT, kwargs=_joint_page),
    Case("partnerships:pooled_budget_new", PCT_EDIT, kwargs=lambda w: {"code": w.pct.code}),
    Case(
        "partnerships:needs_assessment",
        allow(*PCT_USERS, *SHA_USERS, "dh_analyst"),
        kwargs=lambda w: {"code": w.pct.code},
    ),
    Case(
        "partnerships:needs_assessment",
        PCT_EDIT | {"dh_analyst": 403},
        kwargs=lambda w: {"code": w.pct.code},
        method="post",
        data=lambda w: {},
    ),
    Case(
        "partnerships:needs_assessment_document",
        allow(*MANCHESTER),
        kwargs=lambda w: {"pk": needs_assessment(w).pk},
    ),
]
