"""WebSocket /ws/train: one live training session per connection (docs/protocol.md)."""
from __future__ import annotations

from fastapi import APIRouter, WebSocket

from ..sessions.session import TrainingSession

router = APIRouter()


@router.websocket("/ws/train")
async def train(ws: WebSocket) -> None:
    await TrainingSession(ws, ws.app.state.resources).serve()
