"""Loss-surface requests of a session, computed off the event loop, one at a time.

A request that arrives while one is being computed waits as the single pending request
(a newer one replaces it), so a client asking every epoch never builds a backlog. The
surface is the running job's (from memory), else the finished run's (from the store),
else the default model's: app/landscape.py answers all three, as it does for HTTP. A
request with a `config` asks for that config's untrained network instead.
"""
from __future__ import annotations

import asyncio
import json
import logging

from .. import landscape
from ..core import frames
from ..resources import NotReady
from ..schemas.train import ConfigError, parse_config

log = logging.getLogger("downhill.surface")


class SurfaceWorker:
    def __init__(self, session):
        self.session = session
        self.busy = False
        self.pending = None

    def request(self, msg) -> None:
        if self.busy:
            self.pending = msg
            return
        self.busy = True
        asyncio.get_running_loop().create_task(self._compute(msg))

    async def _compute(self, msg) -> None:
        session = self.session
        try:
            loop = asyncio.get_running_loop()
            frame = await loop.run_in_executor(session.res.compute, self._frame, msg, session.job)
            session.outbox.put(frame)
        except ConfigError as err:
            session.error(f"surface: {err.message}", err.field, "surface")
        except (landscape.Unavailable, NotReady, KeyError) as err:
            session.error(f"surface: {err}", getattr(err, "field", None), "surface")
        except Exception as err:
            log.exception("surface failed")
            session.error(f"surface failed: {err}", None, "surface")
        finally:
            self.busy = False
            if self.pending is not None:
                msg, self.pending = self.pending, None
                self.request(msg)

    def _frame(self, msg, job) -> bytes:
        """Compute the surface (in a worker thread) and encode its binary frame."""
        if msg.config is not None:
            return self._untrained(msg)
        source = self._source(job)
        surface = landscape.surface(msg, source)
        header = surface.header()
        header["run_id"] = source.run_id
        return frames.encode(header, {"values": surface.values})

    def _untrained(self, msg) -> bytes:
        """The untrained network of msg.config around its initial weights: where Play starts."""
        res = self.session.res
        key = json.dumps(msg.model_dump(), sort_keys=True)
        frame = res.untrained_surfaces.get(key)
        if frame is None:
            config = parse_config(msg.config, res.catalogue())
            surface = landscape.surface(msg, landscape.untrained_source(res, config))
            frame = frames.encode({**surface.header(), "run_id": None, "untrained": True}, {"values": surface.values})
            res.untrained_surfaces.put(key, frame)
        return frame

    def _source(self, job) -> landscape.SurfaceSource:
        """The running job's network, else its saved run's, else (no run, or one that never
        started) the default model's."""
        res = self.session.res
        if job is not None:
            source = None if job.finished.is_set() else landscape.live_source(job)
            if source is not None:
                return source
            if job.finished.is_set() and res.store.get(job.run_id) is not None:
                return landscape.saved_source(res, job.run_id)
        return landscape.saved_source(res, None)
