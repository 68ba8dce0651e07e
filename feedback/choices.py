"""The kinds of partner asked about a PCT, and the answers a partner may give."""

from django.db import models


class PartnerType(models.TextChoices):
    PRACTICE = "practice", "Practice-based commissioners"
    COUNCIL = "council", "Local authority"
    PROVIDER = "provider", "Providers"
    PUBLIC = "public", "Patient and public groups"


LEVELS = [(n, f"Level {n}") for n in range(1, 5)]
DONT_KNOW = "dont_know"  # the form's value for "don't know"; stored as no level
