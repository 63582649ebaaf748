"""The headers every answer carries, errors included, and the page's Content-Security-Policy.

The policy allows scripts from this server only: no inline script, no eval. The one inline
element a page may need, an import map (`<script type="importmap">`, which browsers do not
load from a file), is allowed by the hash of its exact text (`inline_hashes`). Connections go
to this server only, its WebSocket included (`ws://<the Host asked for>`).
"""
from __future__ import annotations

import base64
import hashlib
import re

SAFETY = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
          (b"referrer-policy", b"no-referrer"), (b"cross-origin-opener-policy", b"same-origin")]
CSP = b"content-security-policy"
_IMPORTMAP = re.compile(rb"<script\s+type=\"importmap\"\s*>(.*?)</script>", re.S | re.I)
_INLINE = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def policy(host: str, script_hashes: list[str] = ()) -> str:
    """The CSP for an answer to a request that named `host` (already checked to be ours)."""
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        f"connect-src 'self' ws://{host}",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",   # views set element styles; no script can come from it
        "font-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def inline_hashes(html: bytes, import_maps_only: bool = True) -> list[str]:
    """sha256 sources for the page's import maps (or, for a generated page such as the API
    docs, every inline script it was rendered with)."""
    pattern = _IMPORTMAP if import_maps_only else _INLINE
    return ["sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode()
            for body in pattern.findall(html)]


def add(headers: list, host: str) -> list:
    """`headers` plus the safety headers, and the default policy unless the answer set its own."""
    out = list(headers) + SAFETY
    if not any(k.lower() == CSP for k, _ in headers):
        out.append((CSP, policy(host).encode("latin-1")))
    return out
