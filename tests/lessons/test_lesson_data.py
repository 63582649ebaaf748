"""static/lessons: the data file is well formed and valid for the server, and the English and
Korean texts cover exactly its lessons, presets and checks."""
from __future__ import annotations

import json
import re

import pytest

import lesson_records
from app.datasets import catalogue
from app.schemas.experiments import AnalyzeRequest, InitHistogramsRequest, OutputGradientsRequest
from app.schemas.requests import RaceRequest
from app.schemas.train import parse_config
from engine import activations
from lesson_rules import OPS, SERIES, expression_problems

DATA = lesson_records.load()
TEXTS = {lang: lesson_records.load(lang) for lang in ("en", "ko")}
PANELS = {"build", "watch", "draw", "downhill", "backprop", "runs", "lessons"}
VIEWS = {"network", "untrained", "outputs", "race", "experiment", "activations", "gradients", "analyze"}
PRESET_KEYS = {"id", "panel", "speed", "config", "compare", "view", "race", "experiment", "activations",
               "gradients", "analyze", "checks"}
HANGUL = re.compile("[\uac00-\ud7a3]")


def presets():
    return [(lesson, preset) for lesson in DATA["lessons"] for preset in lesson["presets"]]


def test_lessons_have_url_ids_and_come_grouped_by_topic_in_topic_order():
    ids = [lesson["id"] for lesson in DATA["lessons"]]
    assert len(ids) == len(set(ids)) >= 19
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)   # #lesson=<id> as it is
    order = [DATA["topics"].index(lesson["topic"]) for lesson in DATA["lessons"]]
    assert order == sorted(order), "previous/next walks the topics in order"
    assert set(order) == set(range(len(DATA["topics"])))


@pytest.mark.parametrize("lesson, preset", presets(), ids=lambda v: v["id"] if isinstance(v, dict) else v)
def test_preset_is_something_the_page_and_server_accept(lesson, preset):
    assert set(preset) <= PRESET_KEYS and preset["panel"] in PANELS and preset["checks"]
    speed = preset.get("speed", "max")
    assert speed == "max" or (isinstance(speed, (int, float)) and speed > 0)
    ids = [p["id"] for p in lesson["presets"]]
    assert len(ids) == len(set(ids)) and set(preset.get("compare", [])) <= set(ids) - {preset["id"]}
    config = lesson_records.preset_config(DATA, preset)
    if config is not None:
        parse_config(config, {d["name"]: d for d in catalogue()})   # raises ConfigError if not
    if "race" in preset:
        RaceRequest.model_validate(preset["race"])
    if "experiment" in preset:
        InitHistogramsRequest.model_validate(preset["experiment"])
    if "gradients" in preset:
        OutputGradientsRequest.model_validate(preset["gradients"])
    if "analyze" in preset:
        AnalyzeRequest.model_validate(preset["analyze"])
        assert config is not None and config["dataset"] == "mnist"
    for spec in preset.get("activations", []):
        assert spec["name"] in activations.HIDDEN


@pytest.mark.parametrize("lesson, preset", presets(), ids=lambda v: v["id"] if isinstance(v, dict) else v)
def test_checks_are_written_in_the_rule_language(lesson, preset):
    others = {p["id"] for p in lesson["presets"]}
    for check in preset["checks"]:
        where = f"{lesson['id']}/{preset['id']}/{check['id']}"
        assert set(check) <= {"id", "source", "metric", "op", "value", "tol", "at", "within"}, where
        assert check["source"] in SERIES or check["source"] in VIEWS, where
        assert check["op"] in OPS, where
        if check["op"] == "between":
            lo, hi = check["value"]
            assert lo < hi, where
        at = check.get("at", "last")
        assert at in ("last", "all", "any") or (isinstance(at, dict) and set(at) <= {"epoch", "step"}), where
        if check["source"] not in SERIES:
            assert "at" not in check and "within" not in check, f"{where}: a view has no rows"
        assert not expression_problems(check["metric"], where) and not expression_problems(check["value"], where)
        for ref in _refs(check):
            assert ref in others, f"{where}: no preset {ref!r} in this lesson"
    assert len({c["id"] for c in preset["checks"]}) == len(preset["checks"])


def _refs(node):
    if isinstance(node, dict):
        return ([node["preset"]] if "preset" in node else []) + [r for v in node.values() for r in _refs(v)]
    return [r for v in node for r in _refs(v)] if isinstance(node, list) else []


def test_check_ids_are_unique_within_a_lesson():
    for lesson in DATA["lessons"]:
        ids = [c["id"] for p in lesson["presets"] for c in p["checks"]]
        assert len(ids) == len(set(ids)), lesson["id"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_texts_cover_every_topic_lesson_preset_and_check(lang):
    texts = TEXTS[lang]
    assert set(texts["topics"]) == set(DATA["topics"])
    assert set(texts["lessons"]) == {lesson["id"] for lesson in DATA["lessons"]}
    for lesson in DATA["lessons"]:
        t = texts["lessons"][lesson["id"]]
        assert set(t) == {"title", "body", "outcome", "look", "presets", "checks"}, lesson["id"]
        assert t["title"] and t["outcome"] and t["look"] and t["body"] and all(t["body"])
        assert set(t["presets"]) == {p["id"] for p in lesson["presets"]}, lesson["id"]
        assert set(t["checks"]) == {c["id"] for p in lesson["presets"] for c in p["checks"]}, lesson["id"]
        for text in _strings(t):
            assert text == text.strip() and "  " not in text, (lesson["id"], text)
            assert text.count("$") % 2 == 0, f"{lesson['id']}: unbalanced $ in {text!r}"
            if lang == "ko":
                assert HANGUL.search(text) or _formula_or_name(text), (lesson["id"], text)


def _strings(node):
    if isinstance(node, str):
        return [node]
    values = node.values() if isinstance(node, dict) else node
    return [s for v in values for s in _strings(v)]


def _formula_or_name(text: str) -> bool:
    """Korean labels may be just names and formulas: "ReLU + He", "f와 f′"."""
    return len(text) < 30


def test_the_korean_texts_use_the_courses_words():
    ko = json.dumps(TEXTS["ko"], ensure_ascii=False)
    for word in ("가중치", "편향", "활성화 함수", "손실", "경사하강법", "역전파", "학습률", "기울기 소실",
                 "초깃값", "과대적합", "연쇄 법칙", "검증"):
        assert word in ko, word
    assert "봉우리" not in ko
