"""RunStore: saved runs in SQLite (stdlib) and their weights as `.npz` files beside it.

Run ids are made here (random hex), never taken from a client as a path. A run still
`training` when the server starts again was cut off by a crash: it becomes `interrupted`.
Beside a run's weights (`<id>.npz`) its trajectory (`<id>.path.npz`: the initial weights
and thinned snapshots of the descent, flat float32) is kept for PCA planes and
interpolations after the run has left memory.
"""
from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
import time
from pathlib import Path

import numpy as np

from engine import persistence

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL,
    status TEXT NOT NULL, config TEXT NOT NULL, final TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS sweeps (
    id TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL,
    status TEXT NOT NULL, spec TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    epoch INTEGER NOT NULL, row TEXT NOT NULL, PRIMARY KEY (run_id, epoch));
"""
ID_LENGTH = 12
ROW = "id, created, status, config, final, sweep, cell, updated"


def new_id() -> str:
    return secrets.token_hex(ID_LENGTH // 2)


def valid_id(run_id: str) -> bool:
    """Server-made ids are 12 lowercase hex digits; anything else is not ours."""
    return len(run_id) == ID_LENGTH and all(c in "0123456789abcdef" for c in run_id)


class RunStore:
    def __init__(self, data_dir: Path):
        self.root = Path(data_dir)
        self.weights_dir = self.root / "runs"
        self.weights_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.root / "downhill.sqlite3", check_same_thread=False,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        self._add_sweep_columns()

    def _add_sweep_columns(self) -> None:
        """Runs made by a sweep name it and their cell (a store from before sweeps gains the columns)."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(runs)")}
        for name, kind in (("sweep", "TEXT"), ("cell", "INTEGER")):
            if name not in columns:
                self._db.execute(f"ALTER TABLE runs ADD COLUMN {name} {kind}")
        self._db.execute("CREATE INDEX IF NOT EXISTS runs_by_sweep ON runs (sweep)")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _run(self, sql: str, args=()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def mark_interrupted(self) -> int:
        """Runs left `training`/`queued`/`paused` by a previous process -> `interrupted` (and
        sweeps left `running`); returns how many runs."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE runs SET status='interrupted', updated=? "
                "WHERE status IN ('training', 'queued', 'paused')", (time.time(),))
            self._db.execute("UPDATE sweeps SET status='interrupted', updated=? WHERE status='running'",
                             (time.time(),))
            return cur.rowcount

    def create_sweep(self, sweep_id: str, spec: dict) -> None:
        """A sweep's row: its spec (base config, axes as value lists, epochs), status `running`."""
        now = time.time()
        self._run("INSERT INTO sweeps (id, created, updated, status, spec) VALUES (?, ?, ?, 'running', ?)",
                  (sweep_id, now, now, json.dumps(spec)))

    def set_sweep_status(self, sweep_id: str, status: str) -> None:
        self._run("UPDATE sweeps SET status=?, updated=? WHERE id=?", (status, time.time(), sweep_id))

    def sweeps(self, sweep_id: str | None = None) -> list[dict]:
        """Every sweep (or the one with this id), newest first: {id, created, updated, status, spec}."""
        where, args = ("WHERE id=?", (sweep_id,)) if sweep_id else ("", ())
        rows = self._run(f"SELECT id, created, updated, status, spec FROM sweeps {where} ORDER BY created DESC", args)
        return [{"id": r[0], "created": r[1], "updated": r[2], "status": r[3], "spec": json.loads(r[4])} for r in rows]

    def create(self, config: dict, status: str = "queued", run_id: str | None = None,
               sweep: str | None = None, cell: int | None = None) -> str:
        """A new run's row; a sweep's cell names its sweep and its place in the grid."""
        run_id, now = run_id or new_id(), time.time()
        self._run("INSERT INTO runs (id, created, updated, status, config, sweep, cell) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  (run_id, now, now, status, json.dumps(config), sweep, cell))
        return run_id

    def set_status(self, run_id: str, status: str, final: dict | None = None) -> None:
        if final is None:
            self._run("UPDATE runs SET status=?, updated=? WHERE id=?", (status, time.time(), run_id))
        else:
            self._run("UPDATE runs SET status=?, updated=?, final=? WHERE id=?",
                      (status, time.time(), json.dumps(final), run_id))

    def add_epoch(self, run_id: str, row: dict) -> None:
        """Record one epoch's metrics (JSON-ready, finite or None)."""
        self._run("INSERT OR REPLACE INTO metrics (run_id, epoch, row) VALUES (?, ?, ?)",
                  (run_id, int(row["epoch"]), json.dumps(row)))

    def save_weights(self, run_id: str, net) -> Path:
        """Write the network atomically (temporary file, then rename)."""
        return persistence.save(self.weights_path(run_id), net, extra={"run_id": run_id})

    def weights_path(self, run_id: str) -> Path:
        if not valid_id(run_id):
            raise KeyError(run_id)
        return self.weights_dir / f"{run_id}.npz"

    def trajectory_path(self, run_id: str) -> Path:
        return self.weights_path(run_id).with_suffix(".path.npz")

    def save_trajectory(self, run_id: str, initial: np.ndarray | None, path: np.ndarray) -> None:
        """Write the initial weights (P,) (empty when unknown) and the path (T, P), atomically."""
        target = self.trajectory_path(run_id)
        tmp = target.with_name(target.name + ".tmp")
        with open(tmp, "wb") as f:
            np.savez(f, initial=np.zeros(0, np.float32) if initial is None else initial, path=path)
        os.replace(tmp, target)

    def load_trajectory(self, run_id: str) -> tuple[np.ndarray | None, np.ndarray | None]:
        """(initial weights (P,) or None, path (T, P) or None) of a finished run."""
        target = self.trajectory_path(run_id)
        if not target.is_file():
            return None, None
        with np.load(target, allow_pickle=False) as z:
            initial, path = z["initial"], z["path"]
        return (initial if initial.size else None), (path if len(path) else None)

    def list(self, sweep: str | None = None) -> list[dict]:
        """Every run, newest first; with `sweep`, that sweep's cells only."""
        where, args = ("WHERE sweep=?", (sweep,)) if sweep else ("", ())
        rows = self._run(f"SELECT {ROW} FROM runs {where} ORDER BY created DESC", args)
        return [self._row(r) for r in rows]

    def get(self, run_id: str) -> dict | None:
        rows = self._run(f"SELECT {ROW} FROM runs WHERE id=?", (run_id,))
        if not rows:
            return None
        metrics = self._run("SELECT row FROM metrics WHERE run_id=? ORDER BY epoch", (run_id,))
        return {**self._row(rows[0]), "metrics": [json.loads(m[0]) for m in metrics]}

    def _row(self, r: tuple) -> dict:
        return {"id": r[0], "created": r[1], "status": r[2], "config": json.loads(r[3]),
                "final": json.loads(r[4]), "has_weights": self.weights_path(r[0]).is_file(),
                "sweep": r[5], "cell": r[6], "updated": r[7]}

    def delete(self, run_id: str) -> bool:
        with self._lock:
            cur = self._db.execute("DELETE FROM runs WHERE id=?", (run_id,))
        if valid_id(run_id):
            self.weights_path(run_id).unlink(missing_ok=True)
            self.trajectory_path(run_id).unlink(missing_ok=True)
        return cur.rowcount > 0
