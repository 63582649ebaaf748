"""Runs a lesson preset headlessly and keeps what the page would see of it: a run record.

Record (static/lessons/README.md): "status", "network", "epochs" / "steps" (the `metrics`
messages' fields), "snapshots" (the probe's activations per layer), "untrained", "outputs",
and the views a preset asks for ("race", "experiment", "activations", "gradients", "analyze"),
each computed by the same engine call as the endpoint the page uses.

`build_run` wires a config into a network, optimizer, schedule, data and trainer the way
app/sessions/worker.py does; it should give way to the engine's single run builder (issue 9)
once that lands.
"""
from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

import numpy as np

from app.routes.curves import activation as activation_curve
from engine import build, experiments
from engine.datasets import load_mnist
from engine.landscape import race
from engine.trainer import Trainer

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "static" / "lessons"


def load(name: str = "lessons") -> dict:
    return json.loads((LESSONS / f"{name}.json").read_text(encoding="utf-8"))


def preset_config(data: dict, preset: dict) -> dict | None:
    """base_config with the preset's keys replacing the base's (None: the preset trains nothing)."""
    if "config" not in preset:
        return None
    return {**copy.deepcopy(data["base_config"]), **copy.deepcopy(preset["config"])}


@functools.lru_cache(maxsize=1)
def mnist():
    return load_mnist()


def build_run(config: dict, on_snapshot) -> Trainer:
    """The run the server would train for this config (engine.build), on the cached MNIST."""
    train, val, _ = build.data(config, mnist() if config["dataset"] == "mnist" else None)
    return build.trainer(config, train, val, on_snapshot=on_snapshot)


def sources_of(preset: dict) -> set[str]:
    """The record parts this preset's checks read."""
    return {check["source"] for check in preset.get("checks", [])}


def record_for(data: dict, preset: dict) -> dict:
    """Train the preset (if it has a config) and compute the views it asks for."""
    record: dict = {}
    config = preset_config(data, preset)
    wanted = sources_of(preset)
    trainer = None
    if config is not None:
        trainer = _train(config, wanted, record)
    if "race" in preset:
        spec = copy.deepcopy(preset["race"])
        record["race"] = race(spec["function"], spec.get("start"), spec.get("steps"), spec["optimizers"])
    if "experiment" in preset:
        record["experiment"] = _experiment(preset["experiment"])
    if "activations" in preset:
        record["activations"] = {a["name"]: activation_curve(a["name"], a.get("alpha")) for a in preset["activations"]}
    if "gradients" in preset:
        record["gradients"] = experiments.output_gradients(preset["gradients"]["logits"], preset["gradients"]["label"])
    if "analyze" in preset:
        a, test = preset["analyze"], mnist().test
        record["analyze"] = experiments.analyze(trainer.net, test.x, test.y, a["n"], a["seed"], a["corner"])
    return record


def _train(config: dict, wanted: set[str], record: dict) -> Trainer:
    epochs, steps, snaps = [], [], []
    probe = build.data(config, mnist() if config["dataset"] == "mnist" else None)[1].x[:1]   # the page's default probe: the first validation example

    def on_snapshot(snap):
        (epochs if snap.kind == "epoch" else steps).append(snap.scalars())
        if "snapshots" in wanted:
            layers = trainer.net.activations(probe)
            snaps.append({"kind": snap.kind, "step": snap.step, "epoch": snap.epoch,
                          "probe": [layer["post"][0].tolist() for layer in layers]})

    trainer = build_run(config, on_snapshot)
    net = trainer.net
    record["network"] = {"n_params": int(net.n_params), "layers": net.sizes}
    if "untrained" in wanted:
        record["untrained"] = {"accuracy": net.evaluate(mnist().test.x, mnist().test.y)[1]}
    with np.errstate(over="ignore", invalid="ignore"):
        record["status"] = trainer.run()
    record.update(epochs=epochs, steps=steps, snapshots=snaps)
    if "outputs" in wanted:
        train = trainer.train
        record["outputs"] = {"inputs": train.x.tolist(), "outputs": net.predict_proba(train.x).tolist(),
                             "targets": train.y.tolist()}
    return trainer


def _experiment(spec: dict) -> dict:
    """POST /api/experiments/init-histograms's computation for this body."""
    s = {"activation": "sigmoid", "inputs": "gaussian", "examples": 1000, "depth": 5, "width": 100,
         "bins": 30, "seed": 0, "alpha": None, "inits": experiments.DEFAULT_INITS, **spec}
    if s["inputs"] == "mnist":
        x = mnist().val.x[:s["examples"]]
    else:
        x = experiments.gaussian_inputs(s["examples"], s["width"], s["seed"])
    return experiments.init_histograms(x, s["activation"], s["inits"], s["depth"], s["width"], s["seed"],
                                       s["bins"], s["alpha"])
