"""Cycle bounding (DESIGN.md section 5): one rule for every reader of values and stored results.

A period belongs to the financial year in which it ends (``outcomes.periods.period_financial_year``); each table of
values or results keeps that year in a generated column ``period_financial_year``, worked out by the database from
the period's text, so no write path can forget it. A cycle reads only the periods of its own financial year or
earlier: ``Model.objects.for_cycle(cycle)``.
"""

from django.db import models

from outcomes.periods import cycle_financial_year, financial_year_expression


def period_financial_year_field() -> models.GeneratedField:
    return models.GeneratedField(
        expression=financial_year_expression("period"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        help_text="First year of the financial year in which the period ends (2008 for 2006-08)",
    )


class CycleBoundedQuerySet(models.QuerySet):
    def for_cycle(self, cycle):
        """Only the periods that end on or before the end of the cycle's financial year (31 March 2010 for 2009-10);
        nothing without a cycle."""
        if cycle is None:
            return self.none()
        return self.filter(period_financial_year__lte=cycle_financial_year(cycle))
