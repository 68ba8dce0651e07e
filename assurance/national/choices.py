"""Choices of the national app: kinds of stored rollup and the measures peer groups are built on."""

from dataclasses import dataclass

from django.db import models


class RollupKind(models.TextChoices):
    COMPETENCY_LEVELS = "competency_levels", "Agreed competency levels"
    GOVERNANCE_RAG = "governance_rag", "Governance ratings"
    INDICATORS = "indicators", "Outcomes against England"
    PROGRESS = "progress", "Progress since the previous cycle"
    PCTS = "pcts", "PCTs and their agreed levels"
    GOVERNANCE_AREAS = "governance_areas", "Governance by area"
    GOVERNANCE_ALL = "governance_all", "PCTs green or red on every governance area"
    COMPETENCY_MEANS = "competency_means", "Mean agreed competency levels"


@dataclass(frozen=True)
class Measure:
    """One measure peer groups are computed on."""

    code: str
    name: str
    unit: str
    synthetic: bool
    source: str


# The documented set of measures (docs/national.md). Only population is real data.
MEASURES = (
    Measure("population", "Resident population", "people", False, "ONS mid-2011 population estimates"),
    Measure(
        "deprivation",
        "Deprivation score",
        "average score",
        True,
        "Synthetic: generated for this product with a fixed seed, in the range of the Index of Multiple Deprivation",
    ),
    Measure(
        "aged_65_plus",
        "People aged 65 and over",
        "% of population",
        True,
        "Synthetic: generated for this product with a fixed seed",
    ),
    Measure(
        "rurality",
        "People living in rural areas",
        "% of population",
        True,
        "Synthetic: generated for this product with a fixed seed",
    ),
)
MEASURE_BY_CODE = {m.code: m for m in MEASURES}
