"""Schemathesis hooks: what the OpenAPI document cannot say in JSON Schema, said for the
positive (schema-valid) cases only, so a request the generator calls valid is valid.

- POST /api/predict: `image_b64` holds width × height bytes (with some ink), and an
  `image`'s rows have one length;
- GET /api/evaluation, /api/model/weights: at most one of `run` and `model`;
- POST /api/runs/{id}/interpolation: `hi` > `lo`;
- POST /api/runs/{id}/surface, plane `weights`: the two parameters exist in the network
  (the runs the test seeds, like the default model, are 784-16-16-10);
- POST /api/experiments/output-gradients: the label is one of the logits' classes.
Negative cases are left as generated: the server must refuse them.
"""
from __future__ import annotations

import base64

import schemathesis
from schemathesis.generation import GenerationMode

SHAPES = [(784, 16), (16, 16), (16, 10)]   # W of each Dense layer of the seeded networks


def _positive(case) -> bool:
    meta = case.meta
    return meta is None or meta.generation.mode == GenerationMode.POSITIVE


def _whole(value) -> int | None:
    """JSON's 3 or 3.0 as the integer 3; None for anything else."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    return None


def _at(ctx, method: str, path: str) -> bool:
    return ctx.operation.method.upper() == method and ctx.operation.path == path


@schemathesis.hook("map_case")
def one_canvas(ctx, case):
    body = case.body
    if not (_at(ctx, "POST", "/api/predict") and _positive(case) and isinstance(body, dict)):
        return case
    width, height = _whole(body.get("width")), _whole(body.get("height"))
    if isinstance(body.get("image_b64"), str) and width and height:
        body["image_b64"] = base64.b64encode(b"\xff" + bytes(width * height - 1)).decode()
    image = body.get("image")
    if isinstance(image, list) and image and all(isinstance(row, list) and row for row in image):
        n = min(len(row) for row in image)
        body["image"] = [row[:n] for row in image]
        body["image"][0][0] = 1.0
    return case


@schemathesis.hook("map_case")
def one_network(ctx, case):
    if _positive(case) and isinstance(case.query, dict) and any(
            _at(ctx, "GET", p) for p in ("/api/evaluation", "/api/model/weights")):
        if "run" in case.query and "model" in case.query:
            del case.query["model"]
    return case


@schemathesis.hook("map_case")
def a_line_forward(ctx, case):
    body = case.body
    if _at(ctx, "POST", "/api/runs/{run_id}/interpolation") and _positive(case) and isinstance(body, dict):
        lo, hi = body.get("lo", -0.5), body.get("hi", 1.5)
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and not hi > lo:
            middle = (lo + 10) / 2
            body["hi"] = middle if middle > lo else 10.0
    return case


@schemathesis.hook("map_case")
def weights_that_exist(ctx, case):
    body = case.body
    if not (_at(ctx, "POST", "/api/runs/{run_id}/surface") and _positive(case) and isinstance(body, dict)):
        return case
    params = body.get("params")
    if isinstance(params, list):
        for p in params:
            if isinstance(p, dict) and _whole(p.get("layer")) is not None and isinstance(p.get("index"), list):
                p.setdefault("param", "W")   # so two spellings of one parameter compare equal below
                p["layer"] = _whole(p["layer"]) % len(SHAPES)
                shape = SHAPES[p["layer"]] if p.get("param", "W") == "W" else SHAPES[p["layer"]][1:]
                p["index"] = [abs(int(i)) % n for i, n in zip(p["index"] + [0, 0], shape)]
        if len(params) == 2 and params[0] == params[1] and params[1].get("index"):
            shape = SHAPES[params[1]["layer"]] if params[1].get("param", "W") == "W" else SHAPES[params[1]["layer"]][1:]
            params[1]["index"][-1] = (params[1]["index"][-1] + 1) % shape[-1]
    return case


@schemathesis.hook("map_case")
def a_class_of_the_logits(ctx, case):
    body = case.body
    if _at(ctx, "POST", "/api/experiments/output-gradients") and _positive(case) and isinstance(body, dict):
        label, logits = _whole(body.get("label")), body.get("logits")
        if label is not None and isinstance(logits, list) and logits:
            body["label"] = label % max(2, len(logits))
    return case
