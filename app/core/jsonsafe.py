"""Strict JSON for the browser: non-finite numbers become null (engine.jsonready decides how),
and the message then says so."""
from __future__ import annotations

import json

import numpy as np

from engine.jsonready import json_ready


def dumps(message: dict) -> str:
    """Serialise a message; adds "nonfinite": true when a number had to become null."""
    try:   # the common case, all finite, at json's C speed
        return json.dumps(message, allow_nan=False, separators=(",", ":"), default=_plain)
    except ValueError:
        pass
    clean, nonfinite = json_ready(message)
    if nonfinite:
        clean["nonfinite"] = True
    return json.dumps(clean, allow_nan=False, separators=(",", ":"))


def _plain(value):
    """NumPy scalars and arrays -> Python numbers and lists (for json.dumps)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
