"""Number types shared by every schema: strict (a string or a boolean is never a number)."""
from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, Strict


def _whole(value):
    """3.0 is the integer 3 in JSON (and to JSON Schema); 3.5, "3" and true are not."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


WholeNumber = Annotated[int, Strict(), BeforeValidator(_whole)]


def whole(ge: int | None = None, le: int | None = None):
    """A WholeNumber within [ge, le], the bounds stated in its JSON Schema even inside `| None`."""
    return Annotated[int, Strict(), Field(ge=ge, le=le), BeforeValidator(_whole)]
