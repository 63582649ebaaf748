"""Loss surfaces and interpolations of a network, for the WebSocket session and the HTTP API.

Both ask the same two questions through here: which network, data and trajectory
(`live_source` for a run still in memory, `saved_source` for a finished run or the default
model), and what the surface or the line looks like (`surface`, `interpolation`, on top of
engine.landscape). Problems come back as ConfigError naming the field (the request does not
fit this run), KeyError (no such run), Unavailable (the run has nothing to draw) or
NotReady (still starting).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import ParameterError
from engine.landscape import LossMemo, Surface, interpolate, loss_surface
from engine.network import Network

from .resources import Resources
from .schemas.requests import SurfaceSpec
from .schemas.train import ConfigError, TrainConfig
from .sessions.live import with_weights

DEFAULT_ID = "default"


class Unavailable(RuntimeError):
    """The run exists but has nothing to draw (no weights yet or at all, no saved trajectory
    for a pca plane, no initial weights for a line); `field`: the request's field it concerns."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class SurfaceSource:
    """A network at its centre weights, its training data, and what is known of its descent."""
    net: Network
    x: np.ndarray
    y: np.ndarray
    path: np.ndarray | None      # (T, P) flat weights along the descent
    initial: np.ndarray | None   # (P,) the weights training started from
    run_id: str | None           # None: the default model
    memo: LossMemo | None = None  # the path's losses known from earlier surfaces (a live run's)


def live_source(job) -> SurfaceSource | None:
    """A running job's newest weights and in-memory trajectory; None when it has none."""
    with job.lock:
        weights, path, data = job.latest_weights, list(job.path), job.data
        initial, memo = job.initial, job.path_losses
    if weights is None or data is None:
        return None
    net = with_weights(job.config, weights)
    train = data[0]
    return SurfaceSource(net, train.x, train.y, np.stack(path) if len(path) > 1 else None,
                         initial, job.run_id, memo)


def saved_source(resources: Resources, run_id: str | None) -> SurfaceSource:
    """A finished run's saved weights, data and trajectory, or the default model's (None/"default")."""
    if run_id in (None, "", DEFAULT_ID):
        net = resources.model(None).copy()
        mnist = resources.require_mnist()
        return SurfaceSource(net, mnist.train.x, mnist.train.y, None, None, None)
    run = resources.store.get(run_id)
    if run is None:
        raise KeyError(run_id)
    if not resources.store.weights_path(run_id).is_file():
        raise Unavailable(_why_no_weights(run["status"]))
    net = resources.model(run_id).copy()
    train, _ = resources.training_data(TrainConfig.model_validate(run["config"]))
    initial, path = resources.store.load_trajectory(run_id)
    return SurfaceSource(net, train.x, train.y, path, initial, run_id)


def untrained_source(resources: Resources, config: TrainConfig) -> SurfaceSource:
    """The config's network at its seed's initial weights, on its training data; no path yet."""
    train, _ = resources.training_data(config)
    return SurfaceSource(config.network(), train.x, train.y, None, None, None)


def _why_no_weights(status: str) -> str:
    if status in ("queued", "training", "paused"):
        return "this run is still training: ask its WebSocket session (`surface` message)"
    return f"this run has no saved weights to draw around (it ended as {status!r})"


def surface(spec: SurfaceSpec, source: SurfaceSource) -> Surface:
    """The loss on the asked plane through the source's weights, with its path projected."""
    if spec.plane == "pca" and source.path is None:
        who = "this network has" if source.run_id is None else "this run has"
        raise Unavailable(f"plane: {who} no saved training trajectory, so there is no pca plane; "
                          "use \"random\" or \"weights\"", "plane")
    if spec.plane == "weights" and not spec.params:
        raise ConfigError("params: the weights plane needs two {\"layer\", \"index\"} entries", "params")
    params = [p.model_dump() for p in spec.params] if spec.params else None
    try:
        return loss_surface(source.net, source.x, source.y, spec.plane, spec.resolution, spec.span,
                            trajectory=source.path, params=params, seed=spec.seed, memo=source.memo)
    except ParameterError as err:
        field = "plane" if err.field == "trajectory" else err.field   # the request's own names
        raise ConfigError(f"{field}: {err}", field) from None


def interpolation(source: SurfaceSource, n: int, lo: float, hi: float) -> dict:
    """Loss along the straight line from the initial to the final weights (a = 0 → 1)."""
    if source.initial is None:
        who = "the default model" if source.run_id is None else "this run"
        raise Unavailable(f"{who} has no saved initial weights, so there is no line from them "
                          "to the final weights (runs trained before this server version neither)")
    result = interpolate(source.net, source.x, source.y, source.initial, source.net.get_flat(),
                         n=n, lo=lo, hi=hi)
    return {"run_id": source.run_id, **result}

