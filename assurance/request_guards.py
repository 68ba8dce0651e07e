"""Refuse requests no view can answer, before they reach one: a clear 404 or 400 instead of a 500.

- A NUL byte in the path is a 404 (no URL has one); in a query parameter, a 400. PostgreSQL refuses NUL in text,
  so without this each such parameter that reaches a query is a 500.
- A JSON body deeper than MAX_JSON_DEPTH or larger than MAX_JSON_BYTES is a 400. No view here reads a JSON body,
  but DRF parses one (recursively) on the way to refusing it, and a deeply nested one overflowed the stack (a 500).

Under /api/ the answer is JSON (`{"detail": ...}`, as the schema documents); elsewhere it is the site's error page.
"""

import re

from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse

MAX_JSON_DEPTH = 64
MAX_JSON_BYTES = 1024 * 1024
STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(body: bytes) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for match in BRACKET.finditer(STRING.sub(b"", body)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


def refusal(request) -> tuple[int, str] | None:
    """The status and message to refuse the request with, or None to let it through."""
    if "\x00" in request.path:
        return 404, "Not found."
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return 400, f"The parameter {key.replace(chr(0), '')!r} holds a NUL character."
    if request.content_type == "application/json" or request.content_type.endswith("+json"):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        length = int(declared) if declared.isdigit() else 0
        if length > MAX_JSON_BYTES:
            return 400, f"A JSON body may be at most {MAX_JSON_BYTES // 1024} KB."
        if length and json_depth(request.body) > MAX_JSON_DEPTH:
            return 400, f"A JSON body may nest at most {MAX_JSON_DEPTH} levels deep."
    return None


def refuse_unanswerable(get_response):
    def middleware(request):
        refused = refusal(request)
        if refused is None:
            return get_response(request)
        status, message = refused
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=status)
        if status == 404:
            raise Http404(message)
        raise BadRequest(message)

    return middleware
