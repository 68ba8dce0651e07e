"""The one direction of imports between our apps (docs/architecture.md), read from the source.

Every module of every app is parsed, every import (at the top or inside a function) is resolved to the app it
names, and an import against the direction fails with the file, the line and the rule it breaks.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What each app may import besides itself; an app not listed for another may not import it.
BASE = {"assurance"}
ALLOWED = {
    "assurance": set(),
    "evidence": BASE,
    "outcomes": BASE | {"evidence"},
    "competencies": BASE | {"evidence"},
    "governance": BASE | {"evidence"},
    "feedback": BASE | {"evidence", "competencies"},
    "panels": BASE | {"evidence", "outcomes", "competencies", "governance", "feedback"},
    "partnerships": BASE | {"evidence", "outcomes", "competencies", "governance", "feedback"},
    "national": BASE | {"evidence", "outcomes", "competencies", "governance", "feedback", "panels"},
    "development": BASE | {"evidence", "outcomes", "competencies", "governance", "feedback", "panels"},
}
RULES = {
    "assurance": "the core app (organisations, people, access, cycles, workflow) imports no other app",
    "evidence": "evidence uses only the core",
    "outcomes": "outcomes, competencies and governance use only the core and evidence",
    "competencies": "outcomes, competencies and governance use only the core and evidence",
    "governance": "outcomes, competencies and governance use only the core and evidence",
    "feedback": "feedback (what partners say of a PCT) reads competencies, evidence and the core; only panels and the "
    "apps on top import it",
    "panels": "panels reads outcomes, competencies, governance, feedback, evidence and the core; nothing below imports "
    "it",
    "partnerships": "partnerships sits on top: it reads the apps below it, never panels or national",
    "development": (
        "development sits above panels: it reads the panels' reports and the apps below, never partnerships or national"
    ),
    "national": "national sits on top: it reads every app below it, never partnerships",
}


def app_of(module: str) -> str | None:
    """The app a dotted module name belongs to (`assurance.national` is an app of its own), or None if not ours."""
    parts = module.split(".")
    if parts[:2] == ["assurance", "national"]:
        return "national"
    return parts[0] if parts[0] in ALLOWED else None


def modules():
    """(path, dotted name, package) of every Python module of our apps."""
    for app in ALLOWED:
        folder = ROOT / ("assurance/national" if app == "national" else app)
        for path in sorted(folder.rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            if app_of(name) != app:
                continue  # assurance/national/ is scanned as the national app
            package = name if path.name == "__init__.py" else name.rpartition(".")[0]
            yield path, name.removesuffix(".__init__"), package


def imports(tree: ast.AST, package: str):
    """(line, imported module, source text) of every import in a parsed module, relative imports resolved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield node.lineno, ".".join(base + ([node.module] if node.module else []))
            else:
                yield node.lineno, node.module


def violations(source: str, path: Path, name: str, package: str) -> list[str]:
    importer = app_of(name)
    found = []
    for line, target in imports(ast.parse(source), package):
        imported = app_of(target)
        if imported in (None, importer) or imported in ALLOWED[importer]:
            continue
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        found.append(f"{where}:{line}: {importer} imports {target} ({imported}); rule: {RULES[importer]}")
    return found


def import_matrix() -> dict[tuple[str, str], int]:
    """How many imports each app makes of each other app (for docs/architecture.md)."""
    counts: dict[tuple[str, str], int] = {}
    for path, name, package in modules():
        for _line, target in imports(ast.parse(path.read_text()), package):
            pair = (app_of(name), app_of(target))
            if pair[1] is not None and pair[0] != pair[1]:
                counts[pair] = counts.get(pair, 0) + 1
    return counts


def test_every_import_follows_the_direction():
    found = [v for path, name, package in modules() for v in violations(path.read_text(), path, name, package)]
    assert found == [], "Imports against the direction (docs/architecture.md):\n" + "\n".join(found)


def test_the_check_sees_an_import_against_the_direction():
    """A core module importing an app, even inside a function, is caught with its file, line and rule."""
    source = "import os\n\ndef f():\n    from panels.models import Panel\n"
    found = violations(source, ROOT / "assurance/example.py", "assurance.example", "assurance")
    assert found == ["assurance/example.py:4: assurance imports panels.models (panels); rule: " + RULES["assurance"]]


def test_relative_imports_resolve_to_their_app():
    source = "from ..models import Organisation\nfrom . import rollups\n"
    assert violations(source, ROOT / "assurance/national/x.py", "assurance.national.x", "assurance.national") == []
    assert list(imports(ast.parse(source), "assurance.national")) == [
        (1, "assurance.models"),
        (2, "assurance.national"),
    ]


def test_every_app_is_scanned():
    scanned = {app_of(name) for _path, name, _package in modules()}
    assert scanned == set(ALLOWED)
