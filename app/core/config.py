"""One Settings object, read from flags and DOWNHILL_* environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from engine.datasets.mnist import data_dir


@dataclass
class Settings:
    host: str = field(default_factory=lambda: os.environ.get("DOWNHILL_HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: int(os.environ.get("DOWNHILL_PORT", "8000")))
    data_dir: Path = field(default_factory=data_dir)
