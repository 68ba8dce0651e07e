"""Red / amber / green, with the colour each shows in (as NetBox pairs a colour with each status)."""

from django.db import models


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


RAG_CLASS = {
    Rag.RED: "app-rag app-rag--red",
    Rag.AMBER: "app-rag app-rag--amber",
    Rag.GREEN: "app-rag app-rag--green",
}
