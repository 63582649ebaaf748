"""`python -m app [--host H] [--port P] [--data-dir D]`: serve Downhill with uvicorn."""
from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn

from .core.config import Settings
from .main import create_app


def main(argv: list[str] | None = None) -> None:
    defaults = Settings()
    parser = argparse.ArgumentParser(prog="python -m app", description="Serve Downhill.")
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument("--data-dir", type=Path, default=defaults.data_dir)
    args = parser.parse_args(argv)
    settings = Settings(host=args.host, port=args.port, data_dir=args.data_dir)
    print(f"Downhill: http://{settings.host}:{settings.port}/", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main()
