"""POST /api/predict: what a network thinks of a drawing, layer by layer."""
from __future__ import annotations

import base64
import binascii

import numpy as np
from fastapi import APIRouter, HTTPException, Response

from engine import preprocess

from ..core.jsonsafe import dumps
from ..deps import ResourcesDep, load_model, run_network
from ..schemas.requests import MAX_CANVAS, PredictAnswer, PredictRequest

router = APIRouter(prefix="/api", tags=["predict"])
DECIMALS = 6
EMPTY = "the drawing is empty: draw a digit first"


def answering_network(resources, body: PredictRequest):
    """The network a request asks for: a run's, a saved model, or the default; and who it is."""
    if body.run is not None and body.model is not None:
        raise HTTPException(422, 'send at most one of "run" and "model"')
    net, run = run_network(resources, body.run) if body.run is not None else (load_model(resources, body.model), None)
    if net.sizes[0] != 784:
        raise HTTPException(422, "model: this run was trained on a toy dataset, not on digits")
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
    """(the 784 MNIST-style values the network sees, preprocessing steps of a canvas or None)."""
    given = [k for k in ("pixels", "image", "image_b64") if getattr(body, k) is not None]
    if len(given) != 1:
        raise HTTPException(422, 'send exactly one of "pixels" (784 values), "image" (rows) '
                                 'or "image_b64" (with "width" and "height")')
    field = given[0]
    if field != "image_b64" and (body.width is not None or body.height is not None):
        raise HTTPException(422, '"width" and "height" go with "image_b64" only')
    array = read_canvas(body) if field == "image_b64" else _array(getattr(body, field), field)
    try:
        if field == "pixels":
            if not array.any():
                raise preprocess.EmptyDrawingError(EMPTY)
            return preprocess.from_pixels(array), None
        s = preprocess.steps(array)
        return s["final"].reshape(784), s
    except preprocess.EmptyDrawingError:
        raise HTTPException(422, EMPTY) from None
    except ValueError as err:
        raise HTTPException(422, f"{field}: {err}") from None


def _array(raw: list, field: str) -> np.ndarray:
    try:
        array = np.asarray(raw, dtype=np.float32)
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
    """Prediction, probabilities, per-layer activations and saliency for one input (784,)."""
    layers = net.activations(x.reshape(1, -1).astype(net.dtype))
    probs = layers[-1]["post"][0]
    prediction = int(np.argmax(probs))
    saliency = net.saliency(x.astype(net.dtype), prediction)
    return {"prediction": prediction, "probabilities": _short(probs), "input": _short(x),
            "activations": [_short(layer["post"][0]) for layer in layers],
            "pre_activations": [_short(layer["pre"][0]) for layer in layers],
            "saliency": _short(saliency)}


def _short(values) -> list:
    """Rounded to 6 decimals: plenty to draw with, and short numbers serialise ~3× faster."""
    return np.round(np.ravel(values).astype(np.float64), DECIMALS).tolist()


@router.post("/predict", response_model=PredictAnswer)
async def predict(body: PredictRequest, resources: ResourcesDep) -> Response:
    """Runs on the event loop (about a millisecond), so shared networks need no lock."""
    net, run = answering_network(resources, body)
    x, steps = to_input(body)
    answer = {**explain(net, x), "model": body.run or body.model or "default"}
    if run is not None:
        answer["run"] = run
    if body.steps and steps is not None:
        answer["steps"] = pipeline(steps)
    return Response(dumps(answer), media_type="application/json")


@router.get("/model/weights")
async def model_weights(resources: ResourcesDep, model: str | None = None, run: str | None = None) -> Response:
    """Every Dense layer's W (n_in rows of n_out) and b of the network /api/predict uses."""
    net = run_network(resources, run)[0] if run is not None else load_model(resources, model)
    layers = [{"W": np.round(d.params["W"].astype(np.float64), DECIMALS).tolist(),
               "b": _short(d.params["b"])} for d in net.dense]
    return Response(dumps({"model": run or model or "default", "layers": layers}),
                    media_type="application/json")
