"""TrainingSession: one `/ws/train` connection. The receive loop only sets flags; a pool
worker trains; a sender task forwards the outbox, newest snapshot first, at most ~30 a second.

Nothing a client sends can silence a session: every problem becomes an `error`, an exception
in the sender is logged and reported (the sender goes on), and a client that sends faster
than it reads is closed (1008) once MAX_UNREAD_REPLIES answers to it wait unsent.
"""
from __future__ import annotations

import asyncio
import logging

import numpy as np
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from ..core.errors import Unavailable
from ..core.jsonsafe import dumps
from ..resources import Resources
from ..schemas import hyperparams
from ..schemas.messages import ABOUT, parse_message
from ..schemas.sweeps import parse_sweep
from ..schemas.train import ConfigError, parse_config
from ..sweeps.registry import TooManySweeps
from ..runs.store import new_id
from . import surfaces
from .job import TrainingJob
from .outbox import Outbox
from .pool import QueueFull
from .snapshots import SnapshotEncoder

log = logging.getLogger("downhill.session")
SEND_INTERVAL = 1 / 30
MAX_UNREAD_REPLIES = 1000   # answers to a client's own messages still unsent: past this it floods
POLICY_VIOLATION = 1008    # WebSocket close code
NO_RUN = "there is no run yet: send start (or step with a config) first"
NEEDS_A_RUN = ("pause", "resume", "stop", "set_lr")   # before any start they would do nothing


class TrainingSession:
    def __init__(self, ws: WebSocket, resources: Resources):
        self.ws, self.res = ws, resources
        self.outbox = Outbox(asyncio.get_running_loop())
        self.job: TrainingJob | None = None
        self.encoder: SnapshotEncoder | None = None
        self.probe: np.ndarray | None = None
        self.default_probe: np.ndarray | None = None
        self.last_config: dict | None = None
        self.speed: float | None = None           # optimizer steps a second (None: as fast as possible)
        self.sent_snapshot: tuple | None = None   # (run_id, snap): re-sent when the probe changes
        self.surfaces = surfaces.SurfaceWorker(self)
        self.sweep = None                         # this connection's sweep (app/sweeps), if any

    async def serve(self) -> None:
        await self.ws.accept()
        sender = asyncio.create_task(self._send_loop())
        try:
            await self._receive_loop()
        finally:
            self._end_job()
            self.on_cancel_sweep(None)
            sender.cancel()

    async def _receive_loop(self) -> None:
        limit = self.res.settings.max_ws_message_bytes
        while True:
            message = await self.ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is None:
                self.error("binary messages are not accepted: send each message as a JSON text frame", None, "message")
            elif len(text.encode()) > limit:   # UTF-8 bytes, not characters
                self.error(f"message too large ({len(text.encode())} bytes; limit {limit})", None, "message")
            else:
                self.handle(text)
            if self.outbox.replies > MAX_UNREAD_REPLIES:
                log.warning("closing a session that sends faster than it reads")
                await self.ws.close(POLICY_VIOLATION, reason=f"more than {MAX_UNREAD_REPLIES} replies "
                                                             "unread: read the server's messages")
                return

    def handle(self, text: str) -> None:
        """Act on one client message; problems become `error` messages, never exceptions."""
        about = "message"
        try:
            msg = parse_message(text)
            about = ABOUT[msg.type]
            if self.job is None and msg.type in NEEDS_A_RUN:
                raise ConfigError(NO_RUN, None)
            getattr(self, f"on_{msg.type}")(msg)
        except ConfigError as err:
            self.error(err.message, err.field, err.about or about)
        except (QueueFull, TooManySweeps) as err:
            self.error(f"the server is busy: {err}", None, "server")
        except Unavailable as err:   # still starting, or the disk budget is used up
            self.error(str(err), None, "server")
        except Exception as err:  # a bug must not cost the client its connection
            log.exception("message failed: %.200s", text)
            self.error(f"the server could not handle that message: {err}", None, about)

    def error(self, message: str, field: str | None, about: str) -> None:
        """An `error` message; `about` says which part of the protocol (docs/protocol.md)."""
        self.outbox.put({"type": "error", "about": about, "message": message, "field": field}, reply=True)

    def on_start(self, msg, paused: bool | None = None) -> None:
        config = parse_config(msg.config, self.res.catalogue())
        # DiskFull unless its weights and a short trajectory would fit (the current run goes on)
        self.res.store.check_room(3 * 4 * config.n_params)
        data = self.res.training_data(config)
        self._end_job()
        self.last_config = msg.config
        self.speed = getattr(msg, "speed", self.speed)   # a step that starts a run keeps the last speed
        job = TrainingJob(new_id(), config, data, self.res.store, self.outbox,
                          self.res.executor, paused=msg.paused if paused is None else paused,
                          speed=self.speed, snapshot_rate=self.res.settings.max_snapshot_rate)
        self.res.pool.submit(job)   # QueueFull: the line is full (the previous run is stopped all the same)
        self.job = job
        self.res.live.add(job)
        self.encoder = SnapshotEncoder(config.network())
        if self.probe is not None and self.probe.size != config.layers[0]:
            self.probe = None
        self.default_probe = (data[1] if data[1] is not None else data[0]).x[0].copy()

    def on_pause(self, msg) -> None:
        if self._active():
            self.job.control.pause()
            self.outbox.put(self.job.status_message("paused"), reply=True)

    def on_resume(self, msg) -> None:
        if self._active():
            self.job.control.resume()
            if self.job.state != "queued":
                self.outbox.put(self.job.status_message("training"), reply=True)

    def on_stop(self, msg) -> None:
        if self._active():
            self._end_job()

    def on_step(self, msg) -> None:
        if not self._active():
            config = msg.config or self.last_config
            if config is None:
                raise ConfigError("nothing to step yet: send start (or step with a config) first", "config")
            self.on_start(msg.model_copy(update={"config": config}), paused=True)
        self.job.control.step(msg.unit)
        if self.job.state != "queued":
            self.outbox.put(self.job.status_message("paused", stepping=msg.unit), reply=True)

    def on_set_lr(self, msg) -> None:
        if self.job is not None:
            hyperparams.check_lr(self.job.config.optimizer, msg.lr)
        if self._active():
            self.job.control.set_lr(msg.lr)

    def on_set_speed(self, msg) -> None:
        if self.last_config is None:
            raise ConfigError("nothing to pace yet: send start (with a speed) first", "speed")
        self.speed = msg.speed           # also for a run a later step starts
        if self._active():
            self.job.control.set_speed(msg.speed)

    def on_probe(self, msg) -> None:
        n_in = self.job.config.layers[0] if self.job else len(msg.pixels)
        if len(msg.pixels) != n_in and self._active():   # an ended run's size binds nothing: start checks again
            raise ConfigError(f"pixels: expected {n_in} values, got {len(msg.pixels)}", "pixels")
        self.probe = np.asarray(msg.pixels, dtype=np.float32)
        if self.sent_snapshot and len(msg.pixels) == n_in and (self.job.control.paused or self.job.finished.is_set()):
            # No new snapshot is coming: recolour the last one sent. One still waiting to go
            # (the one a pause sends) is newer, and it is coloured by the new probe anyway.
            self.outbox.put_latest(self.sent_snapshot, replace=False)

    def on_surface(self, msg) -> None:
        self.surfaces.request(msg)

    def on_sweep(self, msg) -> None:
        """Start a sweep (replacing this connection's running one); results come as `sweep_cell`s."""
        plan = parse_sweep(msg.model_dump(), self.res.catalogue())
        if any(c.dataset == "mnist" for c in plan.configs):
            self.res.require_mnist()
        self.on_cancel_sweep(None)
        self.sweep = self.res.sweeps.start(plan, listener=self.outbox)

    def on_cancel_sweep(self, msg) -> None:
        if self.sweep is not None:
            self.sweep.cancel()

    def _active(self) -> bool:
        return self.job is not None and not self.job.finished.is_set()

    def _end_job(self) -> None:
        """Stop the current job: a waiting one leaves the line, a running one stops within a batch."""
        job = self.job
        if job is None or job.finished.is_set():
            return
        job.stop()
        if self.res.pool.cancel(job):
            job.cancelled()

    async def _send_loop(self) -> None:
        while True:
            await self.outbox.wait()
            latest, messages = self.outbox.take()
            items = ([latest] if latest is not None else []) + messages
            for i, item in enumerate(items):
                try:
                    await self._send(item, snapshot=latest is not None and i == 0)
                except Exception as err:
                    if self._gone(err):   # the client went away (or the socket broke): end the work
                        self._end_job()
                        return
                    log.exception("sending a message failed")
                    # said at once, in its place: before the messages that follow (the run's end among them)
                    items.insert(i + 1, {"type": "error", "about": "server", "field": None,
                                         "message": f"the server could not send a message: {err}"})
            await asyncio.sleep(SEND_INTERVAL)

    async def _send(self, item, snapshot: bool) -> None:
        if snapshot:
            await self._send_snapshot(*item)
        elif isinstance(item, bytes):
            await self.ws.send_bytes(item)
        else:
            await self.ws.send_text(dumps(item))

    def _gone(self, err: Exception) -> bool:
        return (isinstance(err, (WebSocketDisconnect, ConnectionError))
                or self.ws.client_state != WebSocketState.CONNECTED
                or self.ws.application_state != WebSocketState.CONNECTED)

    async def _send_snapshot(self, run_id: str, snap) -> None:
        if self.job is None or run_id != self.job.run_id or self.encoder is None:
            return
        self.sent_snapshot = (run_id, snap)
        probe = self.probe
        if probe is None or probe.size != self.encoder.scratch.sizes[0]:   # a probe for another network
            probe = self.default_probe
        await self.ws.send_bytes(self.encoder.encode(snap, run_id, probe))
