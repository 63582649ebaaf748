"""The rule evaluator on the shared cases (the page's evaluator must pass the same file)."""
import json
from pathlib import Path

import pytest

from lesson_rules import evaluate, expression_problems

CASES = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "lesson_rules.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_case(case):
    assert not expression_problems(case["check"]["metric"], case["name"])
    assert evaluate({"id": "c", **case["check"]}, case["records"], "p") == case["expect"]


def test_every_operator_and_quantifier_has_a_case():
    text = json.dumps(CASES)
    for word in ("ratio", "diff", "abs", "dist", "step_lengths", "series", "max", "min", "spread", "count",
                 "rises", "falls", "sign_changes", '"all"', '"any"', '"last"', '"within"', '"preset"',
                 '"between"', '"tol"'):
        assert word in text, word
    assert {c["expect"] for c in CASES} == {"pass", "fail", "pending"}


def test_malformed_expressions_are_reported():
    assert expression_problems({"median": "x"}, "w") and expression_problems({"ratio": ["a"]}, "w")
    assert expression_problems({"metric": "x", "when": 1}, "w") and not expression_problems({"min": {"series": "x"}}, "w")
