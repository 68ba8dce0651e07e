"""The OpenAPI schema tells the truth about errors: every operation lists the 4xx answers it can give, with bodies.

- 400 on every operation: a bad query parameter (a pagination value out of range, a NUL byte in any parameter) or a
  request body nested too deeply; the body names the parameter (`{"limit": ["..."]}`) or gives a `detail`.
- 401 and 403 on every operation that needs a caller: credentials missing or refused, or a role without access.
  This API answers missing or bad credentials with 403 (session authentication is tried first, and it sends no
  WWW-Authenticate challenge); 401 is listed for clients that treat both the same way.
- 404 on every operation with a path parameter, and on those that narrow by one (the rollup's `scope`).

The fuzzer (tests/test_api_fuzz.py) fails on any status code an operation does not list here or in its own schema.
"""

from drf_spectacular import openapi
from rest_framework.permissions import AllowAny

ERROR = {
    "type": "object",
    "description": "Why the request was refused.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": (
        "What was wrong with the request: each bad parameter's name with its messages, or a `detail` message."
    ),
    "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}
COMPONENTS = {"schemas": {"Error": ERROR, "FieldErrors": FIELD_ERRORS}}


def _json(description: str, component: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


BAD_REQUEST = _json("A parameter or the body is not acceptable; the body says which and why.", "FieldErrors")
UNAUTHORISED = _json("Credentials missing or refused (this API answers these with 403; see there).", "Error")
FORBIDDEN = _json(
    "Not signed in and no token, a token that is not valid, or a caller whose role may not read this.", "Error"
)
NOT_FOUND = _json(
    "Nothing by that name that the caller may see (unknown and not-visible answer the same, on purpose).", "Error"
)


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema with each operation's error answers added (unless the operation names its own)."""

    narrowing_parameters = {"scope"}

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {"400": BAD_REQUEST}
        if self._needs_caller():
            errors |= {"401": UNAUTHORISED, "403": FORBIDDEN}
        if "{" in self.path or self._narrows():
            errors["404"] = NOT_FOUND
        return responses | {code: body for code, body in errors.items() if code not in responses}

    def _needs_caller(self) -> bool:
        return bool(self.view.get_authenticators()) and not all(
            isinstance(p, AllowAny) for p in self.view.get_permissions()
        )

    def _narrows(self) -> bool:
        names = {getattr(p, "name", None) for p in self.get_override_parameters()}
        return bool(names & self.narrowing_parameters)


def add_error_components(result, generator, request, public):
    """Postprocessing hook: the error bodies the responses above refer to."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS["schemas"])
    return result
