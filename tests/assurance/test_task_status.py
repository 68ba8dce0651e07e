"""Templates test states, never the words shown for them: the task list's status is a `TaskStatus` with booleans, and
no template compares a state, status or role to a quoted string."""

import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from assurance.checklist import TaskStatus

TEMPLATES = Path(settings.BASE_DIR) / "templates"
BY_STRING = re.compile(r"\b(state|status|role)\s*[!=]=\s*[\"']")


def test_the_status_tag_follows_the_state_not_the_label():
    html = {status: render_to_string("assurance/_task_status.html", {"status": status}) for status in TaskStatus}
    assert html[TaskStatus.COMPLETED].strip() == "Completed"  # done: plain text, no tag
    assert "govuk-tag--light-blue" in html[TaskStatus.IN_PROGRESS] and "In progress" in html[TaskStatus.IN_PROGRESS]
    assert "govuk-tag--grey" in html[TaskStatus.NOT_STARTED] and "Not started" in html[TaskStatus.NOT_STARTED]


def test_status_of_completed_wins_then_started():
    assert TaskStatus.of(completed=True, started=False) is TaskStatus.COMPLETED
    assert TaskStatus.of(completed=False, started=True) is TaskStatus.IN_PROGRESS
    assert TaskStatus.of(completed=False, started=False) is TaskStatus.NOT_STARTED
    assert [s.is_completed for s in TaskStatus] == [False, False, True]


def test_no_template_compares_a_state_or_label_to_a_string():
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:100]}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BY_STRING.search(line)
    ]
    assert not found, "expose a boolean from the model or presenter instead:\n" + "\n".join(found)


def test_the_check_finds_a_comparison():
    assert BY_STRING.search('{% if assessment.state == "draft" %}')
    assert BY_STRING.search("{% if item.status != 'Completed' %}")
    assert not BY_STRING.search("{% if assessment.is_draft %}")
