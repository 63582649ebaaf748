"""The datasets a session can train on: MNIST (loaded at start-up) and the toy 2-D sets,
plus the raw MNIST files that training processes map instead of loading MNIST again."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from engine.datasets import Split, toy

MNIST_INFO = {"name": "mnist", "kind": "mnist", "n_in": 784, "n_out": 10, "n_train": 55_000}


def catalogue() -> list[dict]:
    """[{name, kind, n_in, n_out, n_train, ...}] for every dataset, MNIST first; `points`: its
    examples are at GET /api/datasets/{name}/points."""
    out = [dict(MNIST_INFO)]
    for name, (_, _, n_classes) in toy.TOY_DATASETS.items():
        train, _ = toy.load_toy(name, 0)
        out.append({"name": name, "kind": "toy", "n_in": int(train.x.shape[1]), "n_out": n_classes,
                    "n_train": len(train), "view": list(toy.VIEW.get(name, ())), "points": True})
    return out


def mnist_arrays(mnist) -> dict[str, np.ndarray]:
    """The train/val splits as compact arrays: pixels uint8 (255 = ink), labels as they are."""
    out = {}
    for name in ("train", "val"):
        split = getattr(mnist, name)
        out[f"{name}-x"] = np.rint(split.x * 255).astype(np.uint8)
        out[f"{name}-y"] = np.asarray(split.y)
    return out


def export_mnist(mnist, data_dir: Path) -> Path:
    """Write the train/val splits once as raw uint8 .npy files that worker processes map."""
    folder = Path(data_dir) / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    arrays = None
    for name in ("train", "val"):
        for part in ("x", "y"):
            path = folder / f"mnist-{name}-{part}.npy"
            if path.is_file() and len(np.load(path, mmap_mode="r")) == len(getattr(mnist, name)):
                continue
            arrays = arrays or mnist_arrays(mnist)
            tmp = path.with_name(path.name + ".tmp.npy")
            np.save(tmp, arrays[f"{name}-{part}"])
            os.replace(tmp, path)
    return folder


def mapped_mnist(folder: Path, train_size: int | None) -> tuple[Split, Split]:
    """(train, val) from the exported files: the same float32 values load_mnist gives."""
    arrays = {f"{name}-{part}": np.load(Path(folder) / f"mnist-{name}-{part}.npy", mmap_mode="r")
              for name in ("train", "val") for part in ("x", "y")}
    return mnist_splits(arrays, train_size)


def mnist_splits(arrays: dict[str, np.ndarray], train_size: int | None) -> tuple[Split, Split]:
    """(train, val) as float32 in [0, 1] from `mnist_arrays`' form; train cut to `train_size`."""
    out = []
    for name in ("train", "val"):
        x, y = arrays[f"{name}-x"], arrays[f"{name}-y"]
        n = train_size if name == "train" and train_size else len(y)
        pixels = x[:n].astype(np.float32)
        pixels *= np.float32(1 / 255)
        out.append(Split(pixels, np.array(y[:n], dtype=np.int64)))
    return out[0], out[1]
