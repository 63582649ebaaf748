"""Shared resources built in the app's lifespan: store, executor, job pool, MNIST, the default model.

The heavy part (loading MNIST, loading or training the default model) runs in a background
thread so the server answers at once; `progress()` tells /api/health how far it got.
"""
from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from engine import build, persistence
from engine.datasets import load_mnist
from engine.defaults import default_training
from engine.network import Network

from . import datasets, executors
from .core.bytecache import ByteCache
from .core.config import Settings
from .core.errors import Unavailable
from .runs.store import RunStore
from .sessions.live import LiveRuns
from .sessions.pool import JobPool
from .sessions.slots import SessionSlots
from .sweeps.registry import Sweeps
from .sessions.framecache import FrameCache

log = logging.getLogger("downhill")
DEFAULT_MODEL = "default_model.npz"
DEFAULT_CONFIG = {**default_training(), "snapshot_every": 50}
MODEL_CACHE = 8
EVALUATION_CACHE_BYTES = 32 << 20   # ~100 saved models' evaluations, as JSON


class NotReady(Unavailable):
    """MNIST or the default model is still being prepared."""


class Resources:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = RunStore(settings.data_dir, settings.disk_budget)
        self.interrupted = self.store.mark_interrupted()
        self.executor = executors.create(settings)   # Ray, when asked for, starts (or is joined) here
        self.pool = JobPool(self.executor.slots, settings.max_waiting)
        self.live = LiveRuns()   # runs training right now, by id
        self.sweeps = Sweeps(self)
        self.sessions = SessionSlots(settings.max_sessions)
        self.compute = ThreadPoolExecutor(max_workers=settings.workers or os.cpu_count() or 1,
                                          thread_name_prefix="downhill-compute")
        self.stage, self.fraction, self.message = "starting", 0.0, ""
        self.mnist = None
        self.default_model: Network | None = None
        self._models: OrderedDict[str, Network] = OrderedDict()
        self._models_lock = threading.Lock()
        self._catalogue: list[dict] | None = None
        self.evaluations = ByteCache(EVALUATION_CACHE_BYTES)   # model id -> its evaluation's JSON
        self.untrained_surfaces = FrameCache()   # untrained networks' surface frames (sessions/surfaces.py)
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._prepare, name="downhill-startup", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self.sweeps.close()
        self.pool.shutdown()
        self.executor.close()
        self.compute.shutdown(wait=False, cancel_futures=True)
        self.store.close()

    def progress(self) -> dict:
        return {"ready": self.ready.is_set(), "stage": self.stage, "progress": self.fraction,
                "message": self.message}

    def _prepare(self) -> None:
        try:
            self.stage, self.message = "loading_mnist", "loading the MNIST digits"
            mnist = load_mnist(self.settings.data_dir)
            self.executor.share_mnist(mnist)
            self.mnist = mnist
            self.fraction = 0.3
            self.default_model = self._load_or_train_default()
            self.stage, self.fraction, self.message = "ready", 1.0, ""
            self.ready.set()
        except Exception as err:
            log.exception("start-up failed")
            self.stage, self.message = "error", str(err)

    def _load_or_train_default(self) -> Network:
        path = self.settings.data_dir / DEFAULT_MODEL
        recipe = self._default_recipe()
        if path.is_file():
            try:
                net = persistence.load(path)
                if net.extra.get("recipe") == recipe:
                    return net
                log.info("default model was trained with other settings; training a new one")
            except Exception as err:  # damaged file: train a fresh one
                log.warning("default model unreadable (%s); training a new one", err)
        self.stage, self.message = "training_default_model", "training the default 784-16-16-10 network"

        def on_snapshot(snap):
            if snap.kind == "epoch":
                self.fraction = 0.3 + 0.7 * snap.epoch / recipe["epochs"]
        trainer = build.trainer(recipe, self.mnist.train, self.mnist.val, on_snapshot=on_snapshot,
                                snapshot_every=0)
        trainer.run()
        persistence.save(path, trainer.net, extra={"default": True, "recipe": recipe})
        return trainer.net

    def _default_recipe(self) -> dict:
        """What the default model is trained with: the default setup, epochs possibly capped."""
        epochs = self.settings.default_model_epochs or DEFAULT_CONFIG["epochs"]
        return {**default_training(), "epochs": epochs}

    def require_mnist(self):
        if self.mnist is None:
            raise NotReady(f"the server is still starting ({self.stage}); try again in a moment")
        return self.mnist

    def model(self, model_id: str | None) -> Network:
        """The default model, or a saved run's network (cached); KeyError if unknown."""
        if model_id in (None, "", "default"):
            if self.default_model is None:
                raise NotReady(f"the default model is still being prepared ({self.stage})")
            return self.default_model
        with self._models_lock:
            if model_id in self._models:
                self._models.move_to_end(model_id)
                return self._models[model_id]
        path = self.store.weights_path(model_id)
        if not path.is_file():
            raise KeyError(model_id)
        net = persistence.load(path)
        with self._models_lock:
            self._models[model_id] = net
            while len(self._models) > MODEL_CACHE:
                self._models.popitem(last=False)
        return net

    def forget_model(self, model_id: str) -> None:
        with self._models_lock:
            self._models.pop(model_id, None)

    def catalogue(self) -> dict[str, dict]:
        """Dataset name -> info, computed once."""
        if self._catalogue is None:
            self._catalogue = datasets.catalogue()
        return {d["name"]: d for d in self._catalogue}

    def training_data(self, config):
        """(train, val) splits for a validated config."""
        mnist = self.require_mnist() if config.dataset == "mnist" else None
        return build.data(config.model_dump(), mnist)[:2]
