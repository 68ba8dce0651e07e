"""Existing publications as records: each names its PCTs; a withdrawn one gets its withdrawal (see 0002).

Forwards: an open row names the PCTs published now; a withdrawn one the PCTs the assessments' history shows
withdrawn with its reason between its publication and its withdrawal, and gets a Withdrawal naming them. The time and embargo of
each row are kept. Backwards, as far as the old shape allows."""

from django.db import migrations


def record_old_publications(apps, schema_editor):
    Publication = apps.get_model("national", "Publication")
    Withdrawal = apps.get_model("national", "Withdrawal")
    Assessment = apps.get_model("assurance", "Assessment")
    History = apps.get_model("assurance", "HistoricalAssessment")
    for publication in Publication.objects.all():
        if publication.withdrawn_at is None:
            pcts = Assessment.objects.filter(cycle_id=publication.cycle_id, state="published")
            publication.pcts.set(set(pcts.values_list("organisation_id", flat=True)))
            continue
        # Withdrawing moved each published PCT back to reported with the reason as the history's change reason.
        published = History.objects.filter(
            cycle_id=publication.cycle_id,
            state="reported",
            history_change_reason=publication.withdrawn_reason,
            history_date__gte=publication.published_at,
            history_date__lte=publication.withdrawn_at,
        )
        pcts = set(published.values_list("organisation_id", flat=True))
        publication.pcts.set(pcts)
        withdrawal = Withdrawal.objects.create(
            cycle_id=publication.cycle_id,
            withdrawn_at=publication.withdrawn_at,
            withdrawn_by_id=publication.withdrawn_by_id,
            reason=publication.withdrawn_reason or "Withdrawn (no reason was recorded)",
        )
        withdrawal.pcts.set(pcts)


def one_open_publication_per_cycle(apps, schema_editor):
    """Backwards, as far as the old shape allows: a count per row, and only each cycle's newest row left open."""
    Publication = apps.get_model("national", "Publication")
    Withdrawal = apps.get_model("national", "Withdrawal")
    newest = {}
    for publication in Publication.objects.order_by("published_at", "pk"):
        publication.pct_count = publication.pcts.count()
        publication.save()
        newest[publication.cycle_id] = publication.pk
    for publication in Publication.objects.exclude(pk__in=newest.values()):
        publication.withdrawn_at = publication.published_at
        publication.withdrawn_reason = "Superseded"
        publication.save()
    for withdrawal in Withdrawal.objects.order_by("withdrawn_at"):  # a withdrawal after the newest closes it
        Publication.objects.filter(
            pk=newest.get(withdrawal.cycle_id), published_at__lte=withdrawal.withdrawn_at
        ).update(
            withdrawn_at=withdrawal.withdrawn_at,
            withdrawn_by=withdrawal.withdrawn_by,
            withdrawn_reason=withdrawal.reason,
        )


class Migration(migrations.Migration):
    dependencies = [("national", "0002_publication_record")]

    operations = [
        migrations.RunPython(record_old_publications, one_open_publication_per_cycle),
    ]
