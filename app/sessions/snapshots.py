"""Snapshot -> the protocol's `metrics` message and binary `snapshot` frame."""
from __future__ import annotations

import numpy as np

from engine.jsonready import json_ready
from engine.network import Network

from .. import toyviews
from ..core import frames
from .live import with_weights


def metrics_message(snap, run_id: str) -> dict:
    """The `metrics` text message: strict JSON, flagged when a number had to become null."""
    values, nonfinite = json_ready(snap.numbers())
    message = {"type": "metrics", "run_id": run_id, **values}
    if nonfinite:
        message["nonfinite"] = True
    return message


def epoch_row(snap) -> dict:
    """What the run store keeps per epoch."""
    s = snap.scalars()
    keys = ("epoch", "step", "lr", "train_loss", "val_loss", "val_accuracy", "train_accuracy", "seconds")
    return {k: s[k] for k in keys}


class SnapshotEncoder:
    """Turns snapshots of one network into binary frames, with the probe digit's activations."""

    def __init__(self, scratch: Network):
        self.scratch = scratch

    def encode(self, snap, run_id: str, probe: np.ndarray | None) -> bytes:
        """Binary frame: header (step, epoch, histograms, probe, regions) + W1, b1, …, act1, act2, …
        and, for a toy set, region_class, region_confidence and outputs."""
        names = self.scratch.param_names
        extra_header, extra_tensors = toyviews.tensors(snap.extras)
        tensors = {**dict(zip(names, snap.weights)), **extra_tensors}
        header = {"type": "snapshot", "run_id": run_id, "kind": snap.kind, "step": snap.step,
                  "epoch": snap.epoch, "status": snap.status, "histograms": snap.histograms, **extra_header}
        if probe is not None:
            with_weights(None, snap.weights, self.scratch)
            layers = self.scratch.activations(probe.reshape(1, -1).astype(self.scratch.dtype))
            for i, layer in enumerate(layers, start=1):
                tensors[f"act{i}"] = layer["post"][0]
            probs = layers[-1]["post"][0]
            guess = int(probs[0] > 0.5) if probs.size == 1 else int(np.argmax(probs))   # one unit: y > ½
            header["probe"] = {"probabilities": probs.tolist(), "prediction": guess}
        return frames.encode(header, tensors)
