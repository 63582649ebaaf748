"""WebSocket /ws/train: one live training session per connection (docs/protocol.md)."""
from __future__ import annotations

from fastapi import APIRouter, WebSocket

from ..core.jsonsafe import dumps
from ..sessions.session import TrainingSession

router = APIRouter()
TRY_AGAIN_LATER = 1013   # WebSocket close code: the server is overloaded


@router.websocket("/ws/train")
async def train(ws: WebSocket) -> None:
    resources = ws.app.state.resources
    if not resources.sessions.acquire():
        await _refuse_busy(ws, resources.sessions.limit)
        return
    try:
        await TrainingSession(ws, resources).serve()
    finally:
        resources.sessions.release()


async def _refuse_busy(ws: WebSocket, limit: int) -> None:
    """Accept only to say why, then close: a browser sees no reason for a refused upgrade."""
    await ws.accept()
    message = f"too many open training sessions (limit {limit}); close another tab and try again"
    await ws.send_text(dumps({"type": "error", "about": "server", "message": message, "field": None}))
    await ws.close(TRY_AGAIN_LATER, reason="too many open sessions")
