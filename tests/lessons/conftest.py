"""Shared for the lesson tests: the data file and one cache of run records per session."""
from __future__ import annotations

import time

import pytest

import lesson_records


class Records:
    """Records per lesson, each computed once; `cpu_seconds` says what the lesson cost."""

    def __init__(self):
        self.data = lesson_records.load()
        self.by_id = {lesson["id"]: lesson for lesson in self.data["lessons"]}
        self._cache: dict[str, dict] = {}
        self.cpu_seconds: dict[str, float] = {}

    def of(self, lesson_id: str) -> dict:
        """preset id -> record, for every preset of the lesson."""
        if lesson_id not in self._cache:
            start = time.process_time()
            self._cache[lesson_id] = {p["id"]: lesson_records.record_for(self.data, p)
                                      for p in self.by_id[lesson_id]["presets"]}
            self.cpu_seconds[lesson_id] = time.process_time() - start
        return self._cache[lesson_id]


@pytest.fixture(scope="session")
def records() -> Records:
    return Records()
