"""GET /api/options: every choice the UI offers, from the engine's own registries."""
from __future__ import annotations

from fastapi import APIRouter

from engine import activations, initializers, losses, optimizers, schedules
from engine.landscape import FUNCTIONS

from ..deps import ResourcesDep
from ..resources import DEFAULT_CONFIG
from ..schemas import requests
from ..schemas.messages import MAX_SPEED
from ..schemas.train import LIMITS, MAX_BATCH, MAX_SNAPSHOT_EVERY

router = APIRouter(prefix="/api", tags=["options"])


@router.get("/options")
def options(resources: ResourcesDep) -> dict:
    return {
        "activations": list(activations.HIDDEN),
        "outputs": list(activations.OUTPUTS),
        "losses": [{"name": n, "output": cls(None).output} for n, cls in losses.LOSSES.items()],
        "initializers": list(initializers.INITIALIZERS),
        "initializer_aliases": dict(initializers.ALIASES),
        "optimizers": optimizers.HYPERPARAMS,
        "optimizer_presets": {k: {"optimizer": n, "params": p} for k, (n, p) in optimizers.PRESETS.items()},
        "schedules": schedules.HYPERPARAMS,
        "datasets": list(resources.catalogue().values()),
        "toy_functions": [f.info() for f in FUNCTIONS.values()],
        "planes": ["pca", "random", "weights"],
        "limits": limits(resources.settings, resources.pool.workers),
        "defaults": DEFAULT_CONFIG,
    }


def limits(settings, slots: int) -> dict:
    """Every bound the server enforces. Ranges are [min, max], inclusive unless the name is
    in `min_exclusive` (lr must be > 0); the older keys keep their first shape."""
    return {
        **LIMITS,
        "min_exclusive": ["lr", "surface_span", "speed"],
        "speed": [0, MAX_SPEED],
        "train_size": [1, MAX_BATCH],
        "snapshot_every": [1, MAX_SNAPSHOT_EVERY],
        "surface_resolution": [requests.MIN_RESOLUTION, requests.MAX_RESOLUTION],
        "surface_span": [0, requests.MAX_SPAN],
        "interpolation_range": [-requests.MAX_REACH, requests.MAX_REACH],
        "toy_surface_n": [3, requests.MAX_TOY_GRID],
        "race_steps": [1, requests.MAX_RACE_STEPS],
        "race_optimizers": requests.MAX_RACERS,
        "canvas": [1, requests.MAX_CANVAS],
        "sessions": settings.max_sessions,
        "waiting": settings.max_waiting,
        "workers": slots,
        "message_bytes": settings.max_ws_message_bytes,
        "body_bytes": settings.max_body_bytes,
    }

