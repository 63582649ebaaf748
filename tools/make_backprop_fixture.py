"""Write tests/fixtures/backprop_traces.json: answers of POST /api/backprop/trace that the page's
unit tests (tests/js/views/backprop/) lay out, step through and format.

Run by hand after the trace's shape changes:

    .venv/bin/python tools/make_backprop_fixture.py

tests/app/routes/test_backprop.py checks that the endpoint still answers exactly these, so the
JavaScript tests never run against a stale picture of the server.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from app import backprop, datasets
from app.schemas import backprop as schema
from engine.jsonready import json_ready

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "backprop_traces.json"

# Each pairing the page draws differently: fused sigmoid + BCE (XOR 2-2-1), a non-fused output
# read by the loss (the delta rule, with momentum buffers), softmax + SSE (every y reads every z),
# and a network too large to draw each weight (weights only in the gradients).
CASES = {
    "xor_2_2_1": {**backprop.PRESETS["xor_2_2_1"], "example": {"index": 3}},
    "delta_rule": {**backprop.PRESETS["delta_rule"], "optimizer": "momentum", "example": {"index": 2}},
    "softmax_sse": {"dataset": "blobs", "layers": [2, 3, 3], "activation": "relu", "output": "softmax", "loss": "sse",
                    "optimizer": "adam", "lr": 0.1, "seed": 1, "example": {"index": 0}},
    "units": {"dataset": "xor", "layers": [2, 8, 6, 1], "activation": ["tanh", "relu"], "output": "sigmoid",
              "loss": "binary_cross_entropy", "optimizer": "sgd", "lr": 0.5, "seed": 0, "example": {"index": 1}},
}


def answers() -> dict:
    """Case name -> (request body, the endpoint's JSON answer)."""
    catalogue = {d["name"]: d for d in datasets.catalogue()}
    out = {}
    for name, body in CASES.items():
        with np.errstate(all="ignore"):
            answer, nonfinite = json_ready(backprop.trace_answer(schema.parse(body, schema.TraceRequest, catalogue)))
        answer["nonfinite"] = nonfinite
        out[name] = {"request": body, "answer": json.loads(json.dumps(answer))}
    return out


if __name__ == "__main__":
    OUT.write_text(json.dumps(answers(), separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
