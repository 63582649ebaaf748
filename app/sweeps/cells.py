"""A sweep's cell as the protocol shows it, and the outbox a cell's TrainingJob reports to.

A cell trains as an ordinary TrainingJob (saved as a run tagged with its sweep), but nobody
watches it live: its outbox drops snapshots and metrics and tells the sweep when the cell
starts and how it ended.
"""
from __future__ import annotations

ENDED = ("done", "diverged", "stopped", "error")


def cell_result(cell, run: dict | None, state: str | None = None) -> dict:
    """A `sweep_cell` message's fields from the grid's cell and its saved run (None: not started).

    A diverged cell reports no loss or accuracy (the last finite epoch would flatter it)."""
    status = state or (run["status"] if run else "waiting")
    final = (run or {}).get("final") or {}
    ended = status in ENDED and run is not None
    scores = ended and status != "diverged"
    return {"index": cell.index, "coords": list(cell.coords), "values": dict(cell.values),
            "run_id": run["id"] if run else None, "status": status,
            "val_loss": final.get("val_loss") if scores else None,
            "val_accuracy": final.get("val_accuracy") if scores else None,
            "train_loss": final.get("train_loss") if scores else None,
            "seconds": round(run["updated"] - run["created"], 3) if ended else None}


class CellOutbox:
    """Stands in for a session's outbox for one cell's job: the sweep hears its start and end."""

    def __init__(self, sweep, cell):
        self.sweep, self.cell = sweep, cell
        self.error: str | None = None

    def put(self, message, droppable: bool = False) -> None:
        if not isinstance(message, dict):
            return
        if message.get("type") == "error":
            self.error = message.get("message")
        elif message.get("type") == "status":
            state = message.get("state")
            if state == "training":
                self.sweep.cell_started(self.cell, message["run_id"])
            elif state in ENDED:
                self.sweep.cell_ended(self.cell, message["run_id"], state, self.error)

    def put_latest(self, item, replace: bool = True) -> None:
        """Snapshots: nobody draws a cell while it trains."""
