"""`python -m engine.datasets.prepare`: verify MNIST and build the cache (idempotent)."""
import sys

from .mnist import DatasetError, prepare


def main() -> int:
    try:
        path = prepare()
    except DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"MNIST ready: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
