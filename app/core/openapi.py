"""The OpenAPI document tells the truth about errors.

Every operation lists the statuses the shared layers can answer it with (security.py: 400
bad Host, 401 token, 403 foreign Origin; bodies.py: 413, 415, 422; validation: 422), and
every error answer has one shape, `Problem`: `{"detail": "a sentence"}` or FastAPI's
`{"detail": [{"type", "loc", "msg"}]}`. A route declares only the statuses of its own making
(`responses=problems(404, 409)`), with a description saying when.
"""
from __future__ import annotations

from fastapi import FastAPI

DESCRIPTIONS = {
    400: "the Host header is not one of this server's names (DNS rebinding protection)",
    401: "the server is exposed beyond this computer and the request has no valid token",
    403: "sent by a page of another origin",
    404: "not found",
    406: "the network is too large to send as JSON: ask for format=frame",
    409: "the resource is not in a state that allows this",
    413: "the request body is larger than the limit",
    415: "the request body is not JSON (Content-Type: application/json)",
    422: "a field is missing, of the wrong type or out of range: detail names it",
    503: "the server cannot do this now (still starting, or its storage fails): try again later",
}
FIELD_PROBLEM = {
    "title": "FieldProblem", "type": "object", "required": ["type", "loc", "msg"],
    "properties": {"type": {"type": "string"}, "msg": {"type": "string"},
                   "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}},
}
PROBLEM = {
    "title": "Problem", "type": "object", "required": ["detail"],
    "properties": {"detail": {"anyOf": [
        {"type": "string"}, {"type": "array", "items": {"$ref": "#/components/schemas/FieldProblem"}}]},
        "field": {"anyOf": [{"type": "string"}, {"type": "null"}],
                  "description": "the dotted path of the bad field, where the answer names one so"}},
}
_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def problems(*codes: int, **said: str) -> dict:
    """`responses=` for a route: each status with its description (`said` overrides, keyed `_404`)."""
    return {code: {"description": said.get(f"_{code}", DESCRIPTIONS[code])} for code in codes}


def request_body(model) -> dict:
    """`openapi_extra=` for a route that reads its body by hand (to name a bad field its own way):
    the body is `model`'s JSON schema, its definitions inlined."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return walk(dict(defs[node["$ref"].rsplit("/", 1)[-1]]))
            return {k: walk(v) for k, v in node.items()}
        return [walk(v) for v in node] if isinstance(node, list) else node
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": walk(schema)}}}}


def install(app: FastAPI) -> None:
    """Make `app.openapi()` add the shared statuses and the Problem shape to every operation."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            _complete(build())
        return app.openapi_schema
    app.openapi = openapi


def _complete(schema: dict) -> None:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(Problem=PROBLEM, FieldProblem=FIELD_PROBLEM)
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for operations in schema.get("paths", {}).values():
        for method, op in operations.items():
            if isinstance(op, dict) and "responses" in op:
                _complete_operation(method, op)


def _complete_operation(method: str, op: dict) -> None:
    codes = {400, 401}
    if method in ("post", "put", "patch", "delete"):
        codes.add(403)
    if "requestBody" in op:
        codes |= {413, 415, 422}
    if op.get("parameters"):
        codes.add(422)
    responses = op["responses"]
    for code in codes:
        responses.setdefault(str(code), {"description": DESCRIPTIONS[code]})
    for code, answer in responses.items():
        if code[0] in "45":
            answer["content"] = _CONTENT
