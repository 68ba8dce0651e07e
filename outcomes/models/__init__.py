"""Models of the outcomes app: the indicator library and values, stored scorecards, chosen outcomes, imports."""

from .imports import ImportJob
from .indicators import Indicator, IndicatorValue
from .joint import JointOutcome, JointOutcomeComment, PooledBudget, PooledBudgetContribution
from .outcomes import PLAN_YEARS, PriorityOutcome
from .runs import ScorecardRun, ScorecardRunPart
from .scorecards import Benchmark, OrganisationBenchmark

__all__ = [
    "PLAN_YEARS",
    "Benchmark",
    "ImportJob",
    "Indicator",
    "IndicatorValue",
    "JointOutcome",
    "JointOutcomeComment",
    "PooledBudget",
    "PooledBudgetContribution",
    "OrganisationBenchmark",
    "PriorityOutcome",
    "ScorecardRun",
    "ScorecardRunPart",
]
