"""Saved runs: list, read, delete, download weights (.npz) and config (JSON)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response
from fastapi.responses import FileResponse, JSONResponse

from ..core.openapi import problems
from ..deps import ResourcesDep, StoreDep
from ..runs.store import valid_id

router = APIRouter(prefix="/api/runs", tags=["runs"])
NO_RUN = problems(404, 503, _404="no run with that id")


def _run_or_404(store, run_id: str) -> dict:
    run = store.get(run_id) if valid_id(run_id) else None
    if run is None:
        raise HTTPException(404, f"no run with id {run_id!r}")
    return run


@router.get("", responses=problems(503))
def list_runs(store: StoreDep, sweep: str | None = None) -> list[dict]:
    """Every saved run, newest first; `?sweep=id`: that sweep's cells only."""
    return store.list(sweep=sweep)


@router.get("/{run_id}", responses=NO_RUN)
def get_run(run_id: str, store: StoreDep) -> dict:
    return _run_or_404(store, run_id)


@router.delete("/{run_id}", status_code=204, responses={
    **NO_RUN, **problems(409, 503, _409="the run is still training: stop it first",
                         _503="the run database or the disk cannot be written now")}, response_class=Response)
def delete_run(run_id: str, resources: ResourcesDep) -> Response:
    run = _run_or_404(resources.store, run_id)
    if run["status"] in ("queued", "training", "paused"):
        raise HTTPException(409, "this run is still training; stop it first")
    resources.store.delete(run_id)
    resources.forget_model(run_id)
    resources.evaluations.pop(run_id)
    return Response(status_code=204)


@router.get("/{run_id}/weights.npz", response_class=FileResponse, responses={
    **NO_RUN, 200: {"content": {"application/octet-stream": {}}, "description": "the network as .npz (no pickles)"}})
def weights(run_id: str, store: StoreDep) -> FileResponse:
    _run_or_404(store, run_id)
    path = store.weights_path(run_id)
    if not path.is_file():
        raise HTTPException(404, "this run has no saved weights (it diverged or never started)")
    return FileResponse(path, media_type="application/octet-stream", filename=f"downhill-{run_id}.npz")


@router.get("/{run_id}/config.json", responses=NO_RUN)
def config(run_id: str, store: StoreDep) -> JSONResponse:
    run = _run_or_404(store, run_id)
    headers = {"Content-Disposition": f'attachment; filename="downhill-{run_id}.json"'}
    return JSONResponse(run["config"], headers=headers)
