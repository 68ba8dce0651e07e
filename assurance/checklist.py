"""The self-assessment task list, gathered from each app's `checklist` module (GOV.UK task list pattern).

Each app that contributes tasks has `<app>/checklist.py` with `items(assessment) -> list[TaskItem]`; the base app
does not import the others. The same list decides whether a PCT may submit.
"""

from dataclasses import dataclass
from enum import Enum

from .discovery import hook_modules


class TaskStatus(Enum):
    """A task's state. Templates test `is_completed` / `is_in_progress` and show the label (`{{ status }}`); nothing
    compares the words, so rewording a label changes no behaviour."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return self.value

    @property
    def is_completed(self) -> bool:
        return self is TaskStatus.COMPLETED

    @property
    def is_in_progress(self) -> bool:
        return self is TaskStatus.IN_PROGRESS

    @classmethod
    def of(cls, *, completed: bool, started: bool) -> "TaskStatus":
        """Completed, else in progress once anything is written, else not started."""
        return cls.COMPLETED if completed else cls.IN_PROGRESS if started else cls.NOT_STARTED


NOT_STARTED, IN_PROGRESS, COMPLETED = TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED


@dataclass(frozen=True)
class TaskItem:
    """One line of the task list."""

    section: str  # heading the task sits under, e.g. "Competencies"
    order: int  # sections and tasks sort by this
    title: str
    url: str
    status: TaskStatus
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
