"""The development app's part of the check before a submission (`assurance.checklist.submission_problems`)."""

from .board import problems  # noqa: F401 - the hook's function
