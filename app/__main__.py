"""`python -m app [--host H] [--port P] [--data-dir D] [--workers N]`: serve Downhill."""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

# uvicorn drops a connection outright above its frame limit; below it, the app answers an
# oversized message with an `error` and keeps the connection.
WS_FRAME_LIMIT = 16


def parse_settings(argv: list[str] | None = None):
    """Flags override DOWNHILL_* environment variables, which override the defaults."""
    from .core.config import Settings
    defaults = Settings()
    parser = argparse.ArgumentParser(prog="python -m app", description="Serve Downhill.")
    parser.add_argument("--host", default=defaults.host, help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument("--data-dir", type=Path, default=defaults.data_dir,
                        help="MNIST cache, saved runs and the default model")
    parser.add_argument("--workers", type=int, default=defaults.workers,
                        help="trainings that run at once; more wait in line (default: one per CPU, "
                             "the Ray cluster's with DOWNHILL_RAY_ADDRESS)")
    parser.add_argument("--allow-host", action="append", default=list(defaults.allowed_hosts),
                        help="extra Host name the server answers to (repeatable)")
    parser.add_argument("--allow-origin", action="append", default=list(defaults.allowed_origins),
                        help="extra page origin allowed to open WebSockets (repeatable)")
    parser.add_argument("--disk-budget", type=_size, default=defaults.disk_budget,
                        help="disk the saved runs may use, e.g. 2G or 500M (default 2G, "
                             "DOWNHILL_DISK_BUDGET); past it new saves are refused")
    args = parser.parse_args(argv)
    return Settings(host=args.host, port=args.port, data_dir=args.data_dir, workers=args.workers,
                    allowed_hosts=args.allow_host, allowed_origins=args.allow_origin,
                    token=os.environ.get("DOWNHILL_TOKEN") or None, disk_budget=args.disk_budget)


def _size(text: str) -> int:
    from .core.config import parse_size
    try:
        return parse_size(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 2G or 500M)") from None


def data_dir_problem(path: Path) -> str | None:
    """One line saying why the data directory cannot hold the run store, or None if it can."""
    from .runs.store import RunStore, StoreUnavailable
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".downhill-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        RunStore(path).close()
    except OSError as err:
        return f"error: cannot use the data directory {path}: {err.strerror or err}"
    except (sqlite3.Error, StoreUnavailable) as err:
        return f"error: cannot open the run database in {path}: {err}"
    return None


def startup_lines(settings) -> list[str]:
    """What the server prints first: where to open it, and, when exposed, one URL per
    address that students on the same network can type (each carries the token)."""
    lines = [f"Downhill: {settings.url}"]
    students = settings.student_urls()
    if students:
        lines.append("Exposed beyond this computer. Students on the same network open one of these "
                     "(the whole URL: it carries the token):")
        lines += [f"  {url}" for url in students]
    return lines


def main(argv: list[str] | None = None) -> None:
    # Before NumPy loads: one BLAS thread in the server too. Its matrices are small, and
    # trainings and the event loop share the cores, so BLAS threads would only fight.
    from .sessions.processes import BLAS_THREADS
    for var in BLAS_THREADS:
        os.environ.setdefault(var, "1")
    import uvicorn

    from .main import create_app
    settings = parse_settings(argv)
    problem = data_dir_problem(settings.data_dir)
    if problem:
        print(problem, file=sys.stderr)
        sys.exit(2)
    print("\n".join(startup_lines(settings)), flush=True)
    uvicorn.run(create_app(settings), **server_options(settings))


def server_options(settings) -> dict:
    """uvicorn's options for these settings (the tests' live servers use them too)."""
    # No per-message deflate: most of what a training streams is float32 weights, which barely
    # compress, and deflating them cost the server a tenth of a core (and the page as much again).
    return {"host": settings.host, "port": settings.port, "log_level": "warning",
            "ws_max_size": WS_FRAME_LIMIT * settings.max_ws_message_bytes, "ws_per_message_deflate": False}


if __name__ == "__main__":
    main()
