"""Commissioning assurance: the project package and its base app."""

from .celery import app as celery_app

__all__ = ["celery_app"]
