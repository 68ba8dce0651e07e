"""Write Plotly's built-in style rules to a static stylesheet, so charts work under a CSP without inline styles.

Plotly.js adds its rules by inserting a <style> element, which `style-src 'self'` forbids. It skips that when the
page already has an element with id "plotly.js-style-global" and class "no-inline-styles": the <link> to this file.
Run after upgrading plotly: `.venv/bin/python scripts/plotly_css.py static/build/plotly.min.js static/css/plotly.css`.
"""

import re
import sys

RULE = re.compile(r'"((?:[^"\\]|\\.)*)":(\'(?:[^\'\\]|\\.)*\'|"(?:[^"\\]|\\.)*")')
SCOPES = {"X": ".js-plotly-plot .plotly", "Y": ".plotly-notifier"}


def rules(bundle: str) -> list[tuple[str, str]]:
    start = bundle.index('{"X,X div"')
    end = bundle.index("};", start)
    return [(key, value[1:-1]) for key, value in RULE.findall(bundle[start:end])]


def selector(key: str) -> str:
    parts = []
    for part in key.split(","):
        head, rest = part[:1], part[1:]
        parts.append(SCOPES.get(head, head) + rest)
    return ",".join(parts)


if __name__ == "__main__":
    source, target = sys.argv[1], sys.argv[2]
    found = rules(open(source, encoding="utf-8").read())
    with open(target, "w", encoding="utf-8") as out:
        out.write("/* Plotly.js style rules, extracted by scripts/plotly_css.py (do not edit by hand). */\n")
        for key, body in found:
            out.write(f"{selector(key)}{{{body}}}\n")
    print(f"{len(found)} rules written to {target}")
