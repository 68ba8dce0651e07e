"""Template tags present values already read: none imports models or selectors or calls `.objects`
(docs/architecture.md, "What goes where inside an app"). A page's reads happen in its view, through selectors, and
what apps above it add comes from their `parts.py` / `home.py` hooks."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("models", "selectors")  # a module of ours that reads the database


def tag_modules() -> list[Path]:
    return sorted(
        p for p in ROOT.glob("**/templatetags/*.py") if ".venv" not in p.parts and "node_modules" not in p.parts
    )


def problems(source: str, name: str) -> list[str]:
    """Each import of a models or selectors module (absolute or relative) and each `.objects`, with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] + [f"{node.module or ''}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{name}:{node.lineno}: calls .objects")
            continue
        else:
            continue
        if any(part in FORBIDDEN for n in names for part in n.split(".")):
            found.append(f"{name}:{node.lineno}: imports {', '.join(n for n in names if n)}")
    return found


def test_the_project_has_template_tags_to_check():
    assert len(tag_modules()) >= 5


def test_no_template_tag_reads_the_database():
    found = [p for path in tag_modules() for p in problems(path.read_text(), str(path.relative_to(ROOT)))]
    assert not found, "template tags present values the view read; move these reads to a selector:\n" + "\n".join(found)


def test_the_check_catches_each_way_of_reading():
    for source in (
        "from ..models import Recommendation",
        "from .. import models",
        "from development.models import Action",
        "import panels.models",
        "from .. import selectors",
        "def tag(a):\n    return Thing.objects.filter(a=a)",
    ):
        assert problems(source, "x.py"), source
    assert not problems("from django import template\nfrom .. import movement as moves", "x.py")
