"""`{% url %}` with positional arguments in templates: each argument in the place of its parameter.

Addresses put the cycle first (`cycles/<cycle>/pcts/<code>/`, docs/architecture.md "One shape of address"). A
template that passes a PCT's code where the cycle goes still reverses, to an address that answers 404, so this test
reads every template's positional `{% url %}` and checks that a cycle's parameter gets a cycle and a code's a code.
"""

import re
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

TEMPLATES = Path(settings.BASE_DIR) / "templates"
URL_TAG = re.compile(r"{%\s*url\s+'([\w:-]+)'((?:\s+[^\s%=]+)+)\s*(?:as\s+\w+\s*)?%}")


def parameters(resolver: URLResolver = None, namespace: str = "", prefix: tuple = ()) -> dict[str, tuple]:
    """Each URL name with its parameters in order."""
    found: dict[str, tuple] = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        names = prefix + tuple(getattr(pattern.pattern, "converters", {}))
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= parameters(pattern, inner, names)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.setdefault(f"{namespace}{pattern.name}", names)
    return found


def misplaced(name: str, args: list[str], params: tuple) -> list[str]:
    wrong = []
    for param, arg in zip(params, args, strict=False):
        looks_like_an_organisation = any(word in arg.lower() for word in ("code", "pct", "organisation", "sha"))
        if param in ("cycle", "cycle_code") and "cycle" not in arg.lower() and looks_like_an_organisation:
            wrong.append(f"{param} <- {arg}")
        if param in ("code", "sha_code", "org_code") and "cycle" in arg.lower():
            wrong.append(f"{param} <- {arg}")
    return wrong


def test_positional_url_arguments_are_in_their_parameters_places():
    known = parameters()
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for name, args in URL_TAG.findall(line):
                if name in known:
                    wrong = misplaced(name, args.split(), known[name])
                    if wrong:
                        problems.append(f"{path.relative_to(TEMPLATES)}:{number}: {name}: {', '.join(wrong)}")
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_swapped_pair():
    assert parameters()["outcomes:scorecard"] == ("cycle", "code")
    assert misplaced("outcomes:scorecard", ["organisation.code", "cycle.code"], ("cycle", "code"))
    assert not misplaced("outcomes:scorecard", ["cycle.code", "organisation.code"], ("cycle", "code"))
    assert misplaced("panels:report", ["pct.code", "cycle_code"], ("cycle_code", "code"))
