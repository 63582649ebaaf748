"""`python -m engine sweep`: train every cell of a sweep grid here, one after another, and print
the table (one row per cell as it finishes; for two axes, the validation accuracy as a grid).

    python -m engine sweep --axis lr=0.001:1:5 --axis optimizer=sgd,adam --epochs 2 --train-size 5000

An axis is FIELD=V1,V2,... or, for the learning rate, lr=MIN:MAX:POINTS (a log range).
"""
from __future__ import annotations

import time

import numpy as np

from . import build, sweep
from .cli_config import blame, config_from
from .cli_flags import UsageError, scalar
from .errors import ParameterError


def parse_axis(text: str) -> dict:
    """'lr=0.001:1:5' -> a log range; 'optimizer=sgd,adam' or 'hidden=8,32' -> a list of values."""
    field, sep, spec = text.partition("=")
    if not sep or not field or not spec:
        raise UsageError("--axis", f"expected FIELD=V1,V2,... or lr=MIN:MAX:POINTS, got {text!r}")
    if ":" in spec:
        parts = spec.split(":")
        if len(parts) != 3:
            raise UsageError("--axis", f"a range is MIN:MAX:POINTS, got {spec!r}")
        return {"field": field, "min": scalar(parts[0]), "max": scalar(parts[1]), "points": scalar(parts[2])}
    return {"field": field, "values": [scalar(v) for v in spec.split(",")]}   # the grid judges each value


def cmd_sweep(args) -> int:
    """Expand the grid, train each cell, print its row; exit 1 if any cell did not finish."""
    from .cli import layers_for   # (cli imports this module)
    config, source = config_from(args)
    axes = [parse_axis(text) for text in args.axis]
    try:
        grid = sweep.expand(config, axes, config.get("epochs", 3))
        for cell in grid.cells:
            build.check(cell.config)
    except ParameterError as err:
        flag = "--axis" if (err.field or "").startswith("axes") or err.field in grid_fields(axes) else \
            "--epochs" if err.field == "epochs" else blame(err.field, source)
        said = f"{err.field}: {err}" if flag == "--axis" and err.field.startswith("axes.") else str(err)
        raise UsageError(flag, said) from None
    data = {}
    print(_header(grid), flush=True)
    rows = []
    for cell in grid.cells:
        key = (cell.config.get("dataset", "mnist"), cell.config.get("seed", 0), cell.config.get("train_size"))
        if key not in data:
            data[key] = build.data(cell.config)
        train, val, _ = data[key]
        try:
            cell.config["layers"] = layers_for(cell.config, train)
        except ParameterError as err:
            raise UsageError(blame(err.field, source), str(err)) from None
        rows.append(_train(cell, train, val))
        print(_row(grid, cell, rows[-1]), flush=True)
    if len(grid.axes) == 2:
        print("\n" + _matrix(grid, rows))
    return 0 if all(r["status"] == "done" for r in rows) else 1


def grid_fields(axes: list[dict]) -> set[str]:
    """Config keys the axes set: a cell's error about one of them is the axis' doing."""
    keys = {"hidden": "layers"}
    return {keys.get(a.get("field"), a.get("field")) for a in axes} | {"optimizer_params"}


def _train(cell, train, val) -> dict:
    started = time.perf_counter()
    trainer = build.trainer(cell.config, train, val, snapshot_every=0)
    with np.errstate(over="ignore", invalid="ignore"):   # divergence is reported as a status
        status = trainer.run()
    last = trainer.history[-1] if trainer.history and status != "diverged" else {}
    return {"status": status, "val_loss": last.get("val_loss"), "val_accuracy": last.get("val_accuracy"),
            "seconds": time.perf_counter() - started}


def _label(value) -> str:
    return format(value, ".3g") if isinstance(value, float) else str(value)


def _header(grid) -> str:
    names = "".join(f"  {a.field:>10}" for a in grid.axes)
    return f"{'cell':>4}{names}  {'status':>8}  {'val_loss':>10}  {'val_acc':>8}  {'seconds':>7}"


def _row(grid, cell, row: dict) -> str:
    values = "".join(f"  {_label(cell.values[a.field]):>10}" for a in grid.axes)
    loss = "-" if row["val_loss"] is None else f"{row['val_loss']:10.4f}"
    acc = "-" if row["val_accuracy"] is None else f"{row['val_accuracy']:8.2%}"
    return f"{cell.index:>4}{values}  {row['status']:>8}  {loss:>10}  {acc:>8}  {row['seconds']:7.2f}"


def _matrix(grid, rows: list[dict]) -> str:
    """Validation accuracy: a row per value of the first axis, a column per value of the second."""
    first, second = grid.axes
    lines = [f"validation accuracy ({first.field} down, {second.field} across)",
             f"{'':>10}" + "".join(f"  {_label(v):>9}" for v in second.values)]
    for i, value in enumerate(first.values):
        cells = rows[i * len(second.values):(i + 1) * len(second.values)]
        marks = ["diverged" if r["status"] == "diverged" else "-" if r["val_accuracy"] is None
                 else f"{r['val_accuracy']:.2%}" for r in cells]
        lines.append(f"{_label(value):>10}" + "".join(f"  {m:>9}" for m in marks))
    return "\n".join(lines)
