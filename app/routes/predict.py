"""POST /api/predict: what a network thinks of a drawing, layer by layer."""
from __future__ import annotations

import numpy as np
from fastapi import APIRouter, HTTPException, Response

from engine import preprocess

from ..core.jsonsafe import dumps
from ..deps import ResourcesDep, load_model
from ..schemas.requests import MAX_CANVAS, PredictAnswer, PredictRequest

router = APIRouter(prefix="/api", tags=["predict"])
DECIMALS = 6


def to_input(body: PredictRequest) -> np.ndarray:
    """The 784 MNIST-style values the network sees; 422 naming the problem otherwise."""
    if (body.pixels is None) == (body.image is None):
        raise HTTPException(422, "send exactly one of \"pixels\" (784 values) or \"image\" (rows)")
    raw = body.pixels if body.pixels is not None else body.image
    field = "pixels" if body.pixels is not None else "image"
    try:
        array = np.asarray(raw, dtype=np.float32)
    except ValueError:
        raise HTTPException(422, "image: every row must have the same length") from None
    if array.ndim == 2 and array.shape[1] > MAX_CANVAS:
        raise HTTPException(422, f"image: at most {MAX_CANVAS}×{MAX_CANVAS} pixels")
    if array.size == 0 or array.min() < 0 or array.max() > 1:
        raise HTTPException(422, f"{field}: values must lie in 0..1 (ink high)")
    try:
        x = preprocess.from_pixels(array) if field == "pixels" else preprocess.to_mnist(array)
    except preprocess.EmptyDrawingError:
        raise HTTPException(422, "the drawing is empty: draw a digit first") from None
    except ValueError as err:
        raise HTTPException(422, f"{field}: {err}") from None
    return np.asarray(x, dtype=np.float32).reshape(784)


def pipeline(image: list) -> dict:
    """The preprocessing steps of a canvas, for showing them one by one."""
    s = preprocess.steps(np.asarray(image, dtype=np.float32))
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
    net = load_model(resources, body.model)
    if net.sizes[0] != 784:
        raise HTTPException(422, "model: this run was trained on a toy dataset, not on digits")
    x = to_input(body)
    answer = {**explain(net, x), "model": body.model or "default"}
    if body.steps and body.image is not None:
        answer["steps"] = pipeline(body.image)
    return Response(dumps(answer), media_type="application/json")


@router.get("/model/weights")
async def model_weights(resources: ResourcesDep, model: str | None = None) -> Response:
    """Every Dense layer's W (n_in rows of n_out) and b of the model /api/predict uses."""
    net = load_model(resources, model)
    layers = [{"W": np.round(d.params["W"].astype(np.float64), DECIMALS).tolist(),
               "b": _short(d.params["b"])} for d in net.dense]
    return Response(dumps({"model": model or "default", "layers": layers}),
                    media_type="application/json")
