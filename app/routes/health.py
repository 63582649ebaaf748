"""GET /api/health: alive at once; `ready` once MNIST and the default model are loaded."""
from __future__ import annotations

from fastapi import APIRouter

from ..deps import ResourcesDep

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
def health(resources: ResourcesDep) -> dict:
    """Alive, how far start-up got, trainings now, and the disk the saved runs use."""
    return {"status": "ok", **resources.progress(), "workers": resources.pool.workers,
            "running": resources.pool.running, "interrupted_runs": resources.interrupted,
            "disk": resources.store.disk(), **resources.executor.describe()}
