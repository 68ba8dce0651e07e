"""Signals of the panels app: the flows to the apps above it (docs/architecture.md, "Signals")."""

from django.dispatch import Signal

# Sent inside the sign-off's transaction, after the version is saved as signed off: `report` (a panels.Report).
# A receiver's failure undoes the sign-off, so what it records always matches a signed-off version.
report_signed_off = Signal()
