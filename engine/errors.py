"""The one error the engine raises for a bad argument, with the argument's name as data.

`ParameterError(field, message)`: `err.field` names the offending parameter (`"momentum"`,
`"layers"`, or a config path such as `"optimizer_params.momentum"` once `engine.build` has
placed it in a config), and `str(err)` says what is wrong. Callers point at the field
without reading the message. It is a ValueError (and a TypeError: a wrong type is a wrong
value too), so code that catches either keeps working.
"""
from __future__ import annotations


class ParameterError(ValueError, TypeError):
    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field

    def within(self, field: str | None) -> "ParameterError":
        """The same problem, said of `field` (e.g. a config path) instead."""
        return ParameterError(field, str(self))
