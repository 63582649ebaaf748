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
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import numpy as np

from engine import persistence

from ..core.errors import Unavailable

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
RESERVE = 64 << 20   # bytes a save leaves free on the disk, for the database and everyone else


class StoreUnavailable(Unavailable):
    """The database or the disk failed (read-only, full, gone)."""


class DiskFull(StoreUnavailable):
    """Saving would pass the runs' disk budget or leave the disk without its reserve."""


def new_id() -> str:
    return secrets.token_hex(ID_LENGTH // 2)


def valid_id(run_id: str) -> bool:
    """Server-made ids are 12 lowercase hex digits; anything else is not ours."""
    return len(run_id) == ID_LENGTH and all(c in "0123456789abcdef" for c in run_id)


class RunStore:
    def __init__(self, data_dir: Path, budget: int | None = None):
        self.root = Path(data_dir)
        self.weights_dir = self.root / "runs"
        self.weights_dir.mkdir(parents=True, exist_ok=True)
        self.budget = budget
        self._lock = threading.Lock()
        self._db_path = self.root / "downhill.sqlite3"
        self._db = sqlite3.connect(self._db_path, check_same_thread=False, isolation_level=None)
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
        self._files = sum(f.stat().st_size for f in self.weights_dir.iterdir() if f.is_file())

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _run(self, sql: str, args=()) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as err:
                raise StoreUnavailable(f"the run database cannot be used: {err}") from None

    def disk(self) -> dict:
        """{"used_bytes" by saved runs, "budget_bytes" (None: no budget), "free_bytes" on the disk}."""
        return {"used_bytes": self.used(), "budget_bytes": self.budget, "free_bytes": _free(self.root)}

    def used(self) -> int:
        """Bytes of weights, trajectories and the database (its write-ahead log comes and goes)."""
        try:
            return self._files + self._db_path.stat().st_size
        except OSError:
            return self._files

    def check_room(self, need: int = 0) -> None:
        """DiskFull unless `need` more bytes fit the budget and leave the disk its reserve."""
        used, free = self.used(), _free(self.root)
        if self.budget is not None and used + need > self.budget:
            raise DiskFull(f"saved runs use {_mb(used)} of their {_mb(self.budget)} budget"
                           + (f" and this one needs {_mb(need)}" if need else "")
                           + ": delete old runs (Runs panel) to make room")
        if free - need < RESERVE:
            raise DiskFull(f"the disk holding {self.root} has only {_mb(free)} free: "
                           "delete old runs (Runs panel) or free some space")

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
        """Write the network atomically (temporary file, then rename); DiskFull if it does not fit."""
        target = self.weights_path(run_id)
        self.check_room(sum(p.nbytes for p in net.params) + (16 << 10))
        return self._write(target, lambda: persistence.save(target, net, extra={"run_id": run_id}))

    def _write(self, target: Path, write) -> Path:
        """Run `write` (which creates `target` atomically), counting the bytes it adds."""
        before = target.stat().st_size if target.is_file() else 0
        try:
            write()
        except OSError as err:
            target.with_name(target.name + ".tmp").unlink(missing_ok=True)
            raise StoreUnavailable(f"saving {target.name} failed: {err}") from None
        with self._lock:
            self._files += target.stat().st_size - before
        return target

    def weights_path(self, run_id: str) -> Path:
        if not valid_id(run_id):
            raise KeyError(run_id)
        return self.weights_dir / f"{run_id}.npz"

    def trajectory_path(self, run_id: str) -> Path:
        return self.weights_path(run_id).with_suffix(".path.npz")

    def save_trajectory(self, run_id: str, initial: np.ndarray | None, path: np.ndarray) -> None:
        """Write the initial weights (P,) (empty when unknown) and the path (T, P), atomically."""
        target = self.trajectory_path(run_id)
        initial = np.zeros(0, np.float32) if initial is None else initial
        self.check_room(initial.nbytes + path.nbytes + (4 << 10))

        def write() -> None:
            tmp = target.with_name(target.name + ".tmp")
            with open(tmp, "wb") as f:
                np.savez(f, initial=initial, path=path)
            os.replace(tmp, target)
        self._write(target, write)

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
            try:
                cur = self._db.execute("DELETE FROM runs WHERE id=?", (run_id,))
            except sqlite3.Error as err:
                raise StoreUnavailable(f"the run database cannot be changed: {err}") from None
        if valid_id(run_id):
            for path in (self.weights_path(run_id), self.trajectory_path(run_id)):
                self._remove(path)
        return cur.rowcount > 0

    def _remove(self, path: Path) -> None:
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            return
        except OSError as err:
            raise StoreUnavailable(f"deleting {path.name} failed: {err}") from None
        with self._lock:
            self._files -= size


def _free(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def _mb(n: int) -> str:
    """Bytes as a person reads them: 2.1 GB, 340 MB, 95 kB."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}" if n < 10 * size else f"{n / size:.0f} {unit}"
    return f"{n} bytes"
