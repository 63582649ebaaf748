"""POST /api/predict: what a network thinks of a drawing, layer by layer."""
from __future__ import annotations

import base64
import binascii
from typing import Literal

import numpy as np
from fastapi import APIRouter, HTTPException, Query, Response
from starlette.concurrency import run_in_threadpool

from engine import preprocess
from engine.regions import classify

from ..core import frames
from ..core.jsonsafe import dumps
from ..core.openapi import problems
from ..deps import SHARED_NETWORKS, ResourcesDep, load_model, run_network
from ..schemas.requests import MAX_CANVAS, PredictAnswer, PredictRequest

router = APIRouter(prefix="/api", tags=["predict"])
DECIMALS = 6
EMPTY = "the drawing is empty: draw a digit first"
JSON_WEIGHTS = 250_000   # parameters: larger networks come as a binary frame (JSON would be MBs)
WHO = problems(404, 409, 503, _404="no saved run or model with that id",
               _409="the run has no weights yet (waiting in line) or none at all (diverged, failed)")


def answering_network(resources, body: PredictRequest):
    """The network a request asks for: a run's, a saved model, or the default; and who it is."""
    if body.run is not None and body.model is not None:
        raise HTTPException(422, 'send at most one of "run" and "model"')
    net, run = run_network(resources, body.run) if body.run is not None else (load_model(resources, body.model), None)
    field = "run" if body.run is not None else "model"
    if body.point is not None and net.sizes[0] != len(body.point):
        raise HTTPException(422, f"point: this network takes {net.sizes[0]} inputs, not {len(body.point)}")
    if body.point is None and net.sizes[0] != 784:
        raise HTTPException(422, f"{field}: this run was trained on a toy dataset, not on digits (ask with \"point\")")
    return net, run


def read_canvas(body: PredictRequest) -> np.ndarray:
    """image_b64 + width + height -> (height, width) float32 in 0..1."""
    if body.width is None or body.height is None:
        raise HTTPException(422, 'image_b64: send "width" and "height" with it')
    try:
        raw = base64.b64decode(body.image_b64, validate=True)
    except (binascii.Error, ValueError):
        raise HTTPException(422, "image_b64: not valid base64") from None
    if len(raw) != body.width * body.height:
        raise HTTPException(422, f"image_b64: {len(raw)} bytes, but {body.width}×{body.height} needs "
                                 f"{body.width * body.height} (one uint8 per pixel, row-major)")
    return np.frombuffer(raw, dtype=np.uint8).reshape(body.height, body.width).astype(np.float32) / 255


def to_input(body: PredictRequest) -> tuple[np.ndarray, dict | None]:
    """(the values the network sees: 784 MNIST-style ones or a toy point, preprocessing steps of a canvas or None)."""
    given = [k for k in ("pixels", "image", "image_b64", "point") if getattr(body, k) is not None]
    if len(given) != 1:
        raise HTTPException(422, 'send exactly one of "pixels" (784 values), "image" (rows), '
                                 '"image_b64" (with "width" and "height") or "point" (a toy input)')
    field = given[0]
    if field == "point":
        return np.asarray(body.point, dtype=np.float32), None
    if field != "image_b64" and (body.width is not None or body.height is not None):
        raise HTTPException(422, '"width" and "height" go with "image_b64" only')
    array = read_canvas(body) if field == "image_b64" else _array(getattr(body, field), field)
    try:
        if field == "pixels":
            if not array.any():
                raise preprocess.EmptyDrawingError(EMPTY)
            return preprocess.from_pixels(array.astype(np.float32)), None
        s = preprocess.steps(array.astype(np.float32))
        return s["final"].reshape(784), s
    except preprocess.EmptyDrawingError:
        raise HTTPException(422, EMPTY) from None
    except ValueError as err:
        raise HTTPException(422, f"{field}: {err}") from None


def _array(raw: list, field: str) -> np.ndarray:
    try:
        array = np.asarray(raw, dtype=np.float64)   # float64 first: 1e-50 is ink, not an empty canvas
    except ValueError:
        raise HTTPException(422, "image: every row must have the same length") from None
    if array.ndim == 2 and array.shape[1] > MAX_CANVAS:
        raise HTTPException(422, f"image: at most {MAX_CANVAS}×{MAX_CANVAS} pixels")
    if array.size == 0 or array.min() < 0 or array.max() > 1:
        raise HTTPException(422, f"{field}: values must lie in 0..1 (ink high)")
    return array


def pipeline(s: dict) -> dict:
    """The preprocessing steps of a canvas, for showing them one by one."""
    return {"bbox": list(s["bbox"]), "com_before": list(s["com_before"]),
            "com_after": list(s["com_after"]),
            **{k: {"shape": list(s[k].shape), "data": _short(s[k])}
               for k in ("cropped", "scaled")}}


def explain(net, x: np.ndarray) -> dict:
    """Prediction, probabilities, per-layer activations and saliency for one input (n_in,)."""
    layers = net.activations(x.reshape(1, -1).astype(net.dtype))
    probs = layers[-1]["post"][0]
    prediction = int(classify(probs[None])[0][0])   # one output unit: class 1 when y > ½
    saliency = net.saliency(x.astype(net.dtype), min(prediction, probs.size - 1))
    return {"prediction": prediction, "probabilities": _short(probs), "input": _short(x),
            "activations": [_short(layer["post"][0]) for layer in layers],
            "pre_activations": [_short(layer["pre"][0]) for layer in layers],
            "saliency": _short(saliency)}


def _short(values) -> list:
    """Rounded to 6 decimals: plenty to draw with, and short numbers serialise ~3× faster."""
    return np.round(np.ravel(values).astype(np.float64), DECIMALS).tolist()


@router.post("/predict", response_model=PredictAnswer, responses=WHO)
async def predict(body: PredictRequest, resources: ResourcesDep) -> Response:
    """The network's answer for a drawing, worked out in a thread, off the event loop (a
    512×512 canvas takes a while)."""
    def answer() -> str:
        net, run = answering_network(resources, body)
        x, steps = to_input(body)
        with SHARED_NETWORKS:
            out = {**explain(net, x), "model": body.run or body.model or "default"}
        if run is not None:
            out["run"] = run
        if body.steps and steps is not None:
            out["steps"] = pipeline(steps)
        return dumps(out)
    return Response(await run_in_threadpool(answer), media_type="application/json")


@router.get("/model/weights", responses={
    **WHO, **problems(406, _406=f"JSON is offered for networks of up to {JSON_WEIGHTS:,} parameters: "
                                "ask for format=frame"),
    200: {"content": {"application/json": {}, "application/octet-stream": {}},
          "description": "JSON {model, layers: [{W, b}]}; with format=frame a binary frame (docs/protocol.md) "
                         "whose header has type \"weights\" and model, and tensors W1, b1, W2, b2, …"}})
async def model_weights(resources: ResourcesDep, model: str | None = Query(None, max_length=64),
                        run: str | None = Query(None, max_length=64),
                        format: Literal["json", "frame"] = "json") -> Response:
    """Every Dense layer's W (n_in rows of n_out) and b of the network /api/predict uses."""
    def answer() -> Response:
        net = run_network(resources, run)[0] if run is not None else load_model(resources, model)
        name = run or model or "default"
        with SHARED_NETWORKS:
            params = [p.copy() for p in net.params]
        if format == "frame":
            frame = frames.encode({"type": "weights", "model": name}, dict(zip(net.param_names, params)))
            return Response(frame, media_type="application/octet-stream")
        if sum(p.size for p in params) > JSON_WEIGHTS:
            raise HTTPException(406, f"this network has {sum(p.size for p in params):,} parameters; JSON is "
                                     f"offered up to {JSON_WEIGHTS:,}: ask for format=frame (binary, float32)")
        layers = [{"W": np.round(W.astype(np.float64), DECIMALS).tolist(), "b": _short(b)}
                  for W, b in zip(params[::2], params[1::2])]
        return Response(dumps({"model": name, "layers": layers}), media_type="application/json")
    return await run_in_threadpool(answer)
