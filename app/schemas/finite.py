"""Where a parsed JSON value holds NaN or ±Infinity, as a dotted field path.

Python's json accepts the bare constants `NaN`/`Infinity` (and turns 1e999 into inf); the
browser's JSON.parse does not. Parsing leniently and then looking for them lets the error
name the field instead of saying "not valid JSON".
"""
from __future__ import annotations

import math


def nonfinite_field(value, prefix: str = "") -> str | None:
    """Dotted path of the first non-finite float in a JSON-like value (None if all finite)."""
    if isinstance(value, float):
        return None if math.isfinite(value) else prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = nonfinite_field(item, f"{prefix}.{key}" if prefix else str(key))
        if found is not None:
            return found
    return None


def finite_message(field: str) -> str:
    return f"{field}: must be a finite number (NaN and Infinity are not allowed)"


def depth(value) -> int:
    """How deeply lists and objects nest in a JSON-like value (a scalar: 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            level += 1
            deepest = max(deepest, level)
            stack.extend((child, level) for child in (node.values() if isinstance(node, dict) else node))
    return deepest
