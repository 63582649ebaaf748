"""GET /api/options: every choice the UI offers, from the engine's own registries."""
from __future__ import annotations

from fastapi import APIRouter

from engine import activations, initializers, losses, optimizers, schedules
from engine.landscape import FUNCTIONS

from ..deps import ResourcesDep
from ..resources import DEFAULT_CONFIG
from ..schemas.train import LIMITS

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
        "limits": LIMITS,
        "defaults": DEFAULT_CONFIG,
    }
