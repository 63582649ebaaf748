"""Reader for the IDX format used by the original MNIST files.

Header (big-endian): two zero bytes, a type code (0x08 = unsigned byte), the number of
dimensions, then one 32-bit size per dimension; the data follow, row-major.
Images are magic 2051 (3 dimensions), labels magic 2049 (1 dimension).
"""
from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

IMAGES_MAGIC = 2051
LABELS_MAGIC = 2049


class IdxError(ValueError):
    """The bytes are not a well-formed IDX file of the expected kind."""


def parse_idx(data: bytes, expect_magic: int, name: str = "IDX file") -> np.ndarray:
    """Parse IDX bytes into a uint8 array shaped by the header's dimensions."""
    if len(data) < 4:
        raise IdxError(f"{name}: only {len(data)} bytes, too short for an IDX header")
    (magic,) = struct.unpack(">I", data[:4])
    if magic != expect_magic:
        raise IdxError(f"{name}: magic number {magic}, expected {expect_magic}")
    ndim = data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IdxError(f"{name}: header needs {header} bytes, file has {len(data)}")
    shape = struct.unpack(f">{ndim}I", data[4:header])
    expected = header + int(np.prod(shape))
    if len(data) != expected:
        raise IdxError(f"{name}: header promises shape {shape} ({expected} bytes), "
                       f"file has {len(data)} bytes")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def read_idx(path: Path, expect_magic: int) -> np.ndarray:
    """Read and parse one IDX file from disk."""
    return parse_idx(Path(path).read_bytes(), expect_magic, Path(path).name)


def encode_idx(array: np.ndarray, magic: int) -> bytes:
    """Encode a uint8 array as IDX bytes (used by tests to build tiny files)."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    ndim = magic & 0xFF
    if array.ndim != ndim:
        raise ValueError(f"magic {magic} needs {ndim} dimensions, array has {array.ndim}")
    return struct.pack(">I", magic) + struct.pack(f">{ndim}I", *array.shape) + array.tobytes()
