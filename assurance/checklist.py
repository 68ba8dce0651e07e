"""The self-assessment task list, gathered from each app's `checklist` module (GOV.UK task list pattern).

Each app that contributes tasks has `<app>/checklist.py` with `items(assessment) -> list[TaskItem]`; the base app
does not import the others. The same list decides whether a PCT may submit.
"""

from dataclasses import dataclass

from .discovery import hook_modules

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"


@dataclass(frozen=True)
class TaskItem:
    """One line of the task list."""

    section: str  # heading the task sits under, e.g. "Competencies"
    order: int  # sections and tasks sort by this
    title: str
    url: str
    status: str  # NOT_STARTED, IN_PROGRESS or COMPLETED
    hint: str = ""
    answers: tuple[str, ...] = ()  # what the PCT answered, one line each, for the "check your answers" page


def collect(assessment) -> list[TaskItem]:
    """Every task for the assessment, in order."""
    modules = [module for module in hook_modules("checklist") if module.__name__ != __name__]  # not this one
    items = [item for module in modules for item in module.items(assessment)]
    return sorted(items, key=lambda item: item.order)


def incomplete(items: list[TaskItem]) -> list[TaskItem]:
    """The tasks that stop a submission."""
    return [item for item in items if item.status != COMPLETED]


def submission_problems(assessment) -> list[str]:
    """What stops the submit service, whoever calls it: each app's `<app>/submission.py` `problems(assessment)`."""
    return [problem for module in hook_modules("submission") for problem in module.problems(assessment)]
