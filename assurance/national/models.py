"""Stored national rollups, publications of a cycle, peer measures and groups, and public report cards."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assurance.models import Cycle, Organisation

from .choices import RollupKind


class Rollup(models.Model):
    """One count table of a cycle for England or one SHA, computed by the rollups task and read by the pages."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="rollups")
    scope = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rollups")
    kind = models.CharField(max_length=20, choices=RollupKind.choices)
    table = models.JSONField(help_text='{"columns": [...], "rows": [[...], ...]}')
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cycle", "scope__name", "kind"]
        constraints = [models.UniqueConstraint(fields=["cycle", "scope", "kind"], name="rollup_unique_scope_kind")]

    def __str__(self) -> str:
        return f"{self.cycle.code} {self.scope.code} {self.kind}"

    @property
    def records(self) -> list[dict]:
        """The rows as dictionaries keyed by column."""
        columns = self.table["columns"]
        return [dict(zip(columns, row, strict=True)) for row in self.table["rows"]]


class AppendOnly(models.Model):
    """A record that is written once and never changed: saving it again is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"A {self._meta.verbose_name} is a record: it is never changed once made.")
        super().save(*args, **kwargs)


class Publication(AppendOnly):
    """One act of publishing a cycle: the PCTs whose report cards it makes public, and from when (the embargo).

    Never rewritten: publishing again adds a row naming the PCTs it adds; a PCT's card stays public until a
    `Withdrawal` names it.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="publications")
    visible_from = models.DateTimeField(help_text="The embargo: the report cards appear from this time")
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pcts = models.ManyToManyField(Organisation, related_name="publications", help_text="The PCTs it made public")

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cycle.code} published {self.published_at:%Y-%m-%d}"

    @property
    def is_embargoed(self) -> bool:
        return self.visible_from > timezone.now()


class Withdrawal(AppendOnly):
    """DH's withdrawal of some PCTs' report cards from publication, with the reason (never rewritten)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="withdrawals")
    withdrawn_at = models.DateTimeField(default=timezone.now)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField()
    pcts = models.ManyToManyField(Organisation, related_name="withdrawals", help_text="The PCTs withdrawn")

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cycle.code} withdrawn {self.withdrawn_at:%Y-%m-%d}"


class PeerMeasure(models.Model):
    """One PCT's value on one peer-group measure; synthetic values are marked so."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="peer_measures")
    measure = models.CharField(max_length=20)
    value = models.FloatField()
    synthetic = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisation", "measure"]
        constraints = [models.UniqueConstraint(fields=["organisation", "measure"], name="peer_measure_unique")]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.measure} = {self.value:g}"


class PeerGroupMember(models.Model):
    """One of a PCT's nearest neighbours on the peer measures (its peer group)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="peer_members")
    peer = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    distance = models.FloatField(help_text="Euclidean distance between standardised measures")

    class Meta:
        ordering = ["organisation", "peer__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "peer"], name="peer_group_unique")]

    def __str__(self) -> str:
        return f"{self.organisation.code} ~ {self.peer.code}"


class ReportCard(models.Model):
    """A published PCT's public report card for a cycle, stored whole so the page and API read one row."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="report_cards")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="report_cards")
    card = models.JSONField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cycle", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "organisation"], name="report_card_unique")]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.cycle.code} report card"


class ModerationNote(models.Model):
    """A DH analyst's note on one SHA's agreed ratings in a cycle of one competency or of one governance area (the
    area as a whole, never an item beneath it): exactly one of the two."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="moderation_notes")
    sha = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="moderation_notes")
    competency = models.ForeignKey(
        "competencies.Competency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    area = models.ForeignKey(
        "governance.GovernanceArea", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency")
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "competency__number", "area__order", "sha__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "sha", "competency"], name="moderation_note_unique"),
            models.UniqueConstraint(fields=["cycle", "sha", "area"], name="moderation_note_area_unique"),
            models.CheckConstraint(
                condition=models.Q(competency__isnull=False, area__isnull=True)
                | models.Q(competency__isnull=True, area__isnull=False),
                name="moderation_note_one_item",
            ),
        ]

    def __str__(self) -> str:
        item = f"competency {self.competency.number}" if self.competency_id else f"area {self.area.area}"
        return f"{self.cycle.code} {self.sha.code} {item}"


class ModerationSignOff(AppendOnly):
    """DH's sign-off of a cycle's moderation: publication of the cycle is refused until it exists."""

    cycle = models.OneToOneField(Cycle, on_delete=models.PROTECT, related_name="moderation_sign_off")
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_off_at = models.DateTimeField(default=timezone.now)
    notes = models.TextField(blank=True)
    threshold = models.FloatField(help_text="The flagging threshold in force when it was signed off")
    pcts_counted = models.PositiveIntegerField(help_text="Signed-off PCTs the comparison counted then")

    def __str__(self) -> str:
        return f"{self.cycle.code} moderation signed off {self.signed_off_at:%Y-%m-%d}"
