"""ConfigError: something a client sent cannot be used, with the field it is about."""
from __future__ import annotations


class ConfigError(ValueError):
    """Something a client sent cannot be used: `field` names the value (a dotted path), `about`
    the part of the protocol it concerns (a WebSocket `error`'s `about`; None: the caller's)."""

    def __init__(self, message: str, field: str | None = None, about: str | None = None):
        super().__init__(message)
        self.message, self.field, self.about = message, field, about
