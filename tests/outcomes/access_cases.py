"""Access cases for the outcomes app's pages and API."""

from outcomes.models import Benchmark, ImportJob, Indicator, PriorityOutcome
from tests.access import EVERYONE, PCT_USERS, SHA_USERS, Case, allow

VIEWERS = (*PCT_USERS, *SHA_USERS, "dh_analyst")  # who may see Manchester PCT (5NT)
FAR_VIEWERS = ("other_sha_lead", "other_panel_chair", "dh_analyst")  # who may see County Durham PCT (5ND)


def _pct(world):
    return {"code": world.pct.code, "cycle": world.cycle.code}


def _far(world):
    return {"code": world.far_pct.code, "cycle": world.cycle.code}


def _outcome(world):
    indicator = Indicator.objects.get(code="LE_BIRTH_M")
    PriorityOutcome.objects.get_or_create(assessment=world.assessment, indicator=indicator)
    return {**_pct(world), "indicator": indicator.code}


def _job(world):
    return {"pk": ImportJob.objects.create(file_name="values.csv", content=b"").pk}


def _benchmark(world):
    indicator = Indicator.objects.get(code="LE_BIRTH_M")
    Benchmark.objects.get_or_create(indicator=indicator, period="2009-10", period_start_year=2009, org_type="PCT")
    return {"code": indicator.code}


def _compare(world):
    return {"cycle": world.cycle.code, "indicator": "BREASTFEEDING_INIT"}


# Indicator values and comparisons of every organisation are open to any signed-in user (as the benchmarks API).
SIGNED_IN = allow(*EVERYONE, no_membership=200)

# DH analysts manage indicator data; everyone else is told the England organisation does not exist for them.
DH_ONLY = allow("dh_analyst")

CASES = [
    Case("outcomes:priority_outcomes", allow(*VIEWERS), kwargs=_pct),
    Case("outcomes:priority_outcomes", allow(*FAR_VIEWERS), kwargs=_far),
    # Only the PCT's own people may change its choice; a panel or SHA may read it (403 on POST).
    Case(
        "outcomes:priority_outcomes",
        {**allow(*VIEWERS, status=403), "pct_lead": 400, "pct_contributor": 400},
        kwargs=_pct,
        method="post",
        data=lambda w: {"indicators": ["LE_BIRTH_M"], "fingerprint": ""},
    ),
    Case(
        "outcomes:outcome_edit",
        {**allow(*VIEWERS, status=403), "pct_lead": 200, "pct_contributor": 200},
        kwargs=_outcome,
    ),
    Case("outcomes:scorecard", allow(*VIEWERS), kwargs=_pct),
    Case("outcomes:scorecard", allow(*FAR_VIEWERS), kwargs=_far),
    Case("outcomes:scorecard_csv", allow(*VIEWERS), kwargs=_pct),
    Case("outcomes:scorecard_csv", allow(*FAR_VIEWERS), kwargs=_far),
    Case("outcomes:data_pack", allow(*VIEWERS), kwargs=lambda w: {"code": w.pct.code}),
    Case("outcomes:data_pack", allow(*FAR_VIEWERS), kwargs=lambda w: {"code": w.far_pct.code}),
    Case(
        "outcomes:data_pack_csv",
        allow(*VIEWERS),
        kwargs=lambda w: {"code": w.pct.code},
        query="?area=Outcomes+and+vital+signs",
    ),
    Case("outcomes:methods", allow(*EVERYONE, anonymous=200, no_membership=200)),
    Case("outcomes:compare_index", SIGNED_IN, kwargs=lambda w: {"cycle": w.cycle.code}),
    Case("outcomes:compare_index", SIGNED_IN, kwargs=lambda w: {"cycle": w.cycle.code}, query="?sha=Q30"),
    Case("outcomes:compare", SIGNED_IN, kwargs=_compare),
    Case("outcomes:compare", SIGNED_IN, kwargs=_compare, query="?sha=Q30"),
    Case("outcomes:compare_csv", SIGNED_IN, kwargs=_compare, query="?sha=Q31"),
    Case("outcomes:overview", SIGNED_IN, kwargs=lambda w: {"cycle": w.cycle.code, "code": w.sha.code}),
    Case("outcomes:overview", SIGNED_IN, kwargs=lambda w: {"cycle": w.cycle.code, "code": w.other_sha.code}),
    Case("outcomes:indicator", SIGNED_IN, kwargs=lambda w: {"code": "LE_BIRTH_M"}),
    Case("outcomes:import_upload", DH_ONLY),
    Case("outcomes:import_status", DH_ONLY, kwargs=_job),
    Case("outcomes:import_progress", DH_ONLY, kwargs=_job),
    Case("indicator-list", allow(*EVERYONE, anonymous=403, no_membership=200)),
    Case(
        "indicator-detail", allow(*EVERYONE, anonymous=403, no_membership=200), kwargs=lambda w: {"code": "LE_BIRTH_M"}
    ),
    Case("indicator-benchmarks", allow(*EVERYONE, anonymous=403, no_membership=200), kwargs=_benchmark),
    Case(
        "scorecard-detail",
        allow(*VIEWERS, anonymous=403),
        kwargs=lambda w: {"cycle": w.cycle.code, "org_code": w.pct.code},
    ),
    Case(
        "scorecard-detail",
        allow(*FAR_VIEWERS, anonymous=403),
        kwargs=lambda w: {"cycle": w.cycle.code, "org_code": w.far_pct.code},
    ),
]
