"""The course's hand-run experiments: activation histograms per initialization, what each
output/loss pair sends back, and a trained network shown noise and off-centre digits."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from engine import experiments
from engine.errors import ParameterError
from engine.jsonready import json_ready

from ..core.openapi import problems
from ..deps import MnistDep, ResourcesDep, get_mnist, load_model, run_network
from ..schemas.experiments import AnalyzeRequest, InitHistogramsRequest, OutputGradientsRequest

router = APIRouter(prefix="/api/experiments", tags=["experiments"])


@router.post("/init-histograms", responses=problems(503, _503="the server is still starting (inputs: mnist)"))
def init_histograms(body: InitHistogramsRequest, request: Request) -> dict:
    if body.inputs == "mnist":
        x = get_mnist(request).val.x[:body.examples]
    else:
        x = experiments.gaussian_inputs(body.examples, body.width, body.seed)
    inits = [spec.model_dump(exclude_none=True) for spec in body.inits]
    result = _engine(experiments.init_histograms, x, body.activation, inits, body.depth, body.width,
                     body.seed, body.bins, body.alpha)
    return _strict({"inputs": body.inputs, **result})


@router.post("/output-gradients")
def output_gradients(body: OutputGradientsRequest) -> dict:
    return _strict(_engine(experiments.output_gradients, body.logits, body.label))


@router.post("/analyze", responses=problems(404, 409, 503, _404="no saved run or model with that id",
                                           _409="the run has no weights yet, or none at all"))
def analyze(body: AnalyzeRequest, resources: ResourcesDep, mnist: MnistDep) -> dict:
    if body.run is not None and body.model is not None:
        raise HTTPException(422, 'send at most one of "run" and "model"')
    # a private copy: a forward pass keeps its values on the layers, and other requests share the model
    net, run = run_network(resources, body.run, fresh=True) if body.run is not None \
        else (load_model(resources, body.model).copy(), None)
    result = _engine(experiments.analyze, net, mnist.test.x, mnist.test.y, body.n, body.seed, body.corner)
    return _strict({**result, "model": body.model or "default", "run": run})


def _engine(function, *args):
    """Call an experiment; a bad argument becomes a 422 naming its field."""
    try:
        return function(*args)
    except ParameterError as err:
        raise HTTPException(422, f"{err.field}: {err}") from None


def _strict(result: dict) -> dict:
    clean, nonfinite = json_ready(result)
    return {**clean, "nonfinite": nonfinite}
