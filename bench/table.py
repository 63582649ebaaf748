"""The one table every benchmark prints: a row per measure, its value, its target, and whether it was met."""
from __future__ import annotations


def report(rows: list[tuple[str, str, str, bool]], first: str = "measure", second: str = "value") -> int:
    """Print (name, value text, target text, ok) rows in aligned columns; 0 if every target was met, else 1."""
    wide = [max(len(head), *(len(str(r[k])) for r in rows)) for k, head in enumerate((first, second, "target"))]
    print(f"{first:<{wide[0]}}  {second:>{wide[1]}}  {'target':<{wide[2]}}  ok")
    for name, value, target, ok in rows:
        print(f"{name:<{wide[0]}}  {value:>{wide[1]}}  {target:<{wide[2]}}  {'yes' if ok else 'NO'}")
    return 0 if all(ok for *_, ok in rows) else 1
