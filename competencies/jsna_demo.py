"""Demo joint strategic needs assessment: Manchester PCT with Manchester council, on the demo evidence document."""

import datetime

from assurance.models import Organisation
from evidence.models import Evidence

from .models import JointNeedsAssessment

NEEDS = [
    "Close the gap in life expectancy with England",
    "Reduce alcohol-related hospital admissions",
    "Reduce childhood obesity",
    "Reduce smoking in pregnancy",
]


def load() -> str:
    """Create Manchester's JSNA once, linked to its 'Joint strategic needs assessment summary' evidence."""
    pct, council = Organisation.objects.get(code="5NT"), Organisation.objects.get(code="E08000003")
    if JointNeedsAssessment.objects.filter(pct=pct).exists():
        return "joint needs assessment: already there"
    document = Evidence.objects.filter(
        assessment__organisation=pct, title="Joint strategic needs assessment summary"
    ).first()
    jsna = JointNeedsAssessment.objects.create(
        pct=pct,
        title="Manchester joint strategic needs assessment 2009",
        assessment_date=datetime.date(2009, 6, 30),
        document=document,
        needs=NEEDS,
    )
    jsna.councils.set([council])
    return "joint needs assessment: 1"
