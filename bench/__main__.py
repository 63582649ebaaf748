"""Run every bench/bench_*.py module's `main()` in name order, then bench/load.py's (the server
under load): `python -m bench [name ...]`."""
from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def main(argv: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")) + ["load"]
    chosen = [n for n in names if not argv or n in argv or n.removeprefix("bench_") in argv]
    failed = 0
    for name in chosen:
        print(f"\n== {name} ==", flush=True)
        result = importlib.import_module(f"bench.{name}").main()
        failed += bool(result)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
