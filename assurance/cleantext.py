"""Text from uploaded files, made safe to store and show: no control characters, no unbounded length."""

import re

# C0 and C1 control characters and DEL: never part of a code, a number or a name in an uploaded file (and PostgreSQL
# refuses NUL in text).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LONGEST = 300


def printable(text: str, longest: int = LONGEST) -> str:
    """Text safe to store and show: control characters written as \\xNN, cut to `longest` characters."""
    shown = CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", str(text))
    return shown if len(shown) <= longest else shown[: longest - 1] + "…"


def control_problem(text: str) -> str | None:
    """Why a cell cannot be taken (it holds a control character), or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return f"Contains a control character (U+{ord(found.group()):04X}), which no value may hold: remove it"
