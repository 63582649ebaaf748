"""Loss-surface requests of a session, computed off the event loop, one at a time.

A request that arrives while one is being computed waits as the single pending request
(a newer one replaces it), so a client asking every epoch never builds a backlog.
"""
from __future__ import annotations

import asyncio
import logging

import numpy as np

from engine.landscape import loss_surface
from engine.network import Network

from ..core import frames

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
            inputs = self._inputs(msg)
            loop = asyncio.get_running_loop()
            frame = await loop.run_in_executor(session.res.compute, _surface_frame, msg, *inputs)
            session.outbox.put(frame)
        except (ValueError, KeyError) as err:
            session.error(f"surface: {err}", "plane" if "plane" in str(err) else None)
        except Exception as err:
            log.exception("surface failed")
            session.error(f"surface failed: {err}", None)
        finally:
            self.busy = False
            if self.pending is not None:
                msg, self.pending = self.pending, None
                self.request(msg)

    def _inputs(self, msg):
        """(network with the current weights, x, labels, trajectory or None, run_id)."""
        job, res = self.session.job, self.session.res
        if job is None or job.latest_weights is None:
            net = res.model(None).copy()
            mnist = res.require_mnist()
            return net, mnist.train.x, mnist.train.y, None, None
        net = Network.mlp(**job.config.network_kwargs())
        with job.lock:
            for p, w in zip(net.params, job.latest_weights):
                p[...] = w
            path = np.stack(job.path) if len(job.path) > 1 else None
        train = job.data[0]
        return net, train.x, train.y, path, job.run_id


def _surface_frame(msg, net, x, y, path, run_id) -> bytes:
    """Compute the surface (in a worker thread) and encode its binary frame."""
    if msg.plane == "pca" and path is None:
        raise ValueError("the pca plane needs a training path: start a run first (plane)")
    params = [p.model_dump() for p in msg.params] if msg.params else None
    surface = loss_surface(net, x, y, msg.plane, msg.resolution, msg.span,
                           trajectory=path, params=params, seed=msg.seed)
    header = surface.header()
    header["run_id"] = run_id
    return frames.encode(header, {"values": surface.values})
