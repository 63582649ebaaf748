"""The OpenAPI document tells the truth (issue 13, point 11): schemathesis with every check
(server errors, status codes, response schemas, content types, methods, schema-valid data
accepted and invalid data refused) against a real server, bounded in time.

The server's data directory holds the default model, a saved run (weights, trajectory,
metrics) and a diverged one; their ids are a dictionary path and query parameters draw from,
so the generated requests reach the code behind the ids as well as the 404s.
`openapi_hooks.py` says, for schema-valid cases, what JSON Schema cannot. Set
DOWNHILL_SCHEMATHESIS_EXAMPLES / _SEED to search longer or elsewhere.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from app.core.config import Settings
from app.resources import DEFAULT_CONFIG
from app.schemas.train import TrainConfig
from app.runs.store import RunStore
from engine import persistence
from server_helpers import free_port, live_server

HERE = Path(__file__).resolve().parent
EXAMPLES = int(os.environ.get("DOWNHILL_SCHEMATHESIS_EXAMPLES", "8"))
SEED = int(os.environ.get("DOWNHILL_SCHEMATHESIS_SEED", "13"))
TIME_LIMIT = 600   # seconds: a hang fails the test instead of the CI run


def _seed_runs(store, default_model) -> list[str]:
    """A finished MNIST run of the default network's shape (weights, a 3-point trajectory and
    its epochs) and a diverged one (no weights); their ids."""
    config = TrainConfig.model_validate({**DEFAULT_CONFIG, "epochs": 2, "train_size": 600}).model_dump()
    done = store.create(config, status="training")
    rng = np.random.default_rng(0)
    final = default_model.get_flat().astype(np.float32)
    initial = final + rng.normal(0, 0.1, final.size).astype(np.float32)
    store.save_weights(done, default_model)
    store.save_trajectory(done, initial, np.stack([initial, (initial + final) / 2, final]))
    for epoch in (1, 2):
        store.add_epoch(done, {"epoch": epoch, "step": 19 * epoch, "lr": 0.5, "train_loss": 1.0 / epoch,
                               "val_loss": 1.1 / epoch, "val_accuracy": 0.5 + epoch / 10,
                               "train_accuracy": 0.5, "seconds": 0.1})
    store.set_status(done, "done", {"val_accuracy": 0.7})
    diverged = store.create(config, status="diverged")
    return [done, diverged]


def _config(path: Path, ids: list[str]) -> Path:
    values = json.dumps([*ids, "default"])
    path.write_text(f"""
[dictionaries.runs]
values = {values}

[parameters]
"path.run_id" = {{ dictionary = "runs", probability = 0.6 }}
"query.run" = {{ dictionary = "runs", probability = 0.4 }}
"query.model" = {{ dictionary = "runs", probability = 0.4 }}

# The Backprop panel's networks must fit their dataset, examples and parameters (layer widths
# against the dataset's inputs and outputs, an output/loss pair, parameter shapes): rules
# JSON Schema cannot state, so schema-valid bodies are mostly refused, each with a 422 naming
# its field. Every other check runs on these operations.
[[operations]]
include-path-regex = "^/api/(backprop/(trace|train)|gradcheck)$"
checks.positive_data_acceptance.enabled = false

# A sweep's cells must each be a valid training config (the base config, every axis value, the
# grid at most 100 cells): the body's schema says its shape, parse_sweep the rest, with a 422
# naming the field. Every other check runs on this operation.
[[operations]]
include-path-regex = "^/api/sweeps$"
include-method = "POST"
checks.positive_data_acceptance.enabled = false
""")
    return path


def test_schemathesis_with_every_check_finds_nothing(data_dir, tmp_path):
    store = RunStore(data_dir)
    ids = _seed_runs(store, persistence.load(data_dir / "default_model.npz"))
    store.close()
    report = tmp_path / "report"
    with live_server(Settings(data_dir=data_dir, port=free_port(), workers=2)) as url:
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "--config-file", str(_config(tmp_path / "st.toml", ids)),
             "run", f"{url}/openapi.json", "--max-examples", str(EXAMPLES),   # every check: the default
             "--seed", str(SEED), "--workers", "1", "--max-failures", "50", "--request-timeout", "30",
             "--suppress-health-check", "too_slow",   # generation speed on a busy machine, not the API
             "--report", "json", "--report-dir", str(report), "--output-truncate", "true"],
            env={**os.environ, "SCHEMATHESIS_HOOKS": "openapi_hooks",
                 "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])},
            capture_output=True, text=True, timeout=TIME_LIMIT, cwd=tmp_path)
    reports = list(report.glob("*.json"))
    assert reports, f"schemathesis wrote no report:\n{run.stdout[-3000:]}{run.stderr[-3000:]}"
    summary = json.loads(reports[0].read_text())
    counts = summary["test_cases"]
    print(f"schemathesis: {counts['generated']} test cases, {counts['unique_failures']} failures, "
          f"{len(summary['errors'])} errors, seed {summary['seed']}, {summary['running_time']:.0f} s")
    assert run.returncode == 0 and not summary["failures"] and not summary["errors"], \
        run.stdout[-6000:] + run.stderr[-2000:]
