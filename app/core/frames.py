"""Binary WebSocket frames: a small JSON header followed by float32 tensors.

Layout: [uint32 LE header length H][H bytes UTF-8 JSON][zero padding to a multiple of 4]
[float32 LE data]. The header lists `tensors: [{name, shape, offset}]`, offset counted in
float32 elements from the start of the data block. NaN is legal inside tensors.
"""
from __future__ import annotations

import json
import struct

import numpy as np

from engine.jsonready import json_ready


def encode(header: dict, tensors: dict[str, np.ndarray]) -> bytes:
    """Header dict + named arrays -> one binary frame."""
    arrays = [np.ascontiguousarray(a, dtype="<f4") for a in tensors.values()]
    offsets = np.cumsum([0] + [a.size for a in arrays[:-1]]) if arrays else []
    meta = [{"name": n, "shape": list(a.shape), "offset": int(o)}
            for n, a, o in zip(tensors, arrays, offsets)]
    clean, nonfinite = json_ready({**header, "tensors": meta})
    if nonfinite:
        clean["nonfinite"] = True
    head = json.dumps(clean, allow_nan=False, separators=(",", ":")).encode()
    pad = (-(4 + len(head))) % 4
    return b"".join([struct.pack("<I", len(head)), head, b"\0" * pad, *(a.tobytes() for a in arrays)])


def decode(frame: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """One binary frame -> (header, {name: float32 array}); the inverse of encode."""
    (size,) = struct.unpack_from("<I", frame, 0)
    header = json.loads(frame[4:4 + size].decode())
    start = 4 + size + (-(4 + size)) % 4
    data = np.frombuffer(frame, dtype="<f4", offset=start)
    tensors = {}
    for t in header.get("tensors", []):
        n = int(np.prod(t["shape"])) if t["shape"] else 1
        tensors[t["name"]] = data[t["offset"]:t["offset"] + n].reshape(t["shape"])
    return header, tensors
