"""Signals the outcomes app sends, so other apps react to its results without knowing its task names."""

from django.dispatch import Signal

# Sent once new scorecard results are stored and committed (every import of indicator values leads to one).
scorecards_stored = Signal()
