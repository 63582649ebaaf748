"""The Lessons panel as a student uses it: find it from the first screen, open a lesson, press Set up
and Play, and watch the live checks turn to ✓ from the run's own numbers (and stay "not yet" or turn ✗
when the run cannot show the lesson)."""
from __future__ import annotations

from playwright.sync_api import expect

from test_first_screen import OVERFLOW

UNSTICK = ".topbar { position: static !important; } .lesson-dock { display: none !important; }"
RUN = 120_000   # ms: a lesson's run, paced for watching, on a machine shared with other tests


def open_lesson(page, lesson_id: str) -> None:
    """Open a lesson from the index, as a student would."""
    page.get_by_test_id("nav-lessons").click()
    index = page.get_by_test_id("lesson-index")
    if index.get_attribute("open") is None:
        index.locator("summary").click()
    page.get_by_test_id(f"open-{lesson_id}").click()
    expect(page.get_by_test_id("lesson")).to_have_attribute("data-lesson", lesson_id)


def check(page, preset: str, check_id: str):
    return page.get_by_test_id(f"check-{preset}-{check_id}")


def expect_seen(page, preset: str, *checks: str, timeout: int = RUN) -> None:
    for check_id in checks:
        expect(check(page, preset, check_id)).to_have_attribute("data-verdict", "pass", timeout=timeout)
        expect(check(page, preset, check_id).locator(".lesson-mark")).to_have_text("✓")


def setup(page, preset: str) -> None:
    page.locator("#panel-lessons").scroll_into_view_if_needed()
    page.get_by_test_id(f"setup-{preset}").click()


def play(page) -> None:
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).not_to_have_attribute("data-state", "idle", timeout=15_000)


def to_korean(page) -> None:
    page.get_by_test_id("lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")


def test_the_lessons_are_one_click_from_the_first_screen_with_typeset_formulas(fresh_page, server_url, screenshots):
    with fresh_page(viewport={"width": 1440, "height": 900}, locale="en-US") as page:
        page.goto(f"{server_url}/")
        page.wait_for_selector("body[data-panels=all]")
        expect(page.get_by_test_id("nav-lessons")).to_be_in_viewport()
        expect(page.get_by_test_id("lessons-cta")).to_be_in_viewport()
        page.get_by_test_id("lessons-cta").click()
        expect(page.get_by_test_id("lesson-index")).to_be_in_viewport()
        index = page.get_by_test_id("lesson-index")
        expect(index.locator(".lesson-topic")).to_have_count(9)
        expect(index.locator(".lesson-link")).to_have_count(19)
        lesson = page.get_by_test_id("lesson")
        expect(page.get_by_test_id("lesson-title")).to_have_text("13,002 knobs")
        assert lesson.locator(".katex").count() >= 4, "formulas typeset by KaTeX"
        assert lesson.locator(".tex-error").count() == 0
        page.wait_for_function("() => document.fonts.check('16px KaTeX_Main')")   # KaTeX's fonts, from /vendor/katex
        page.locator("#panel-lessons").screenshot(style=UNSTICK, path=screenshots / "README-lessons-en.png")
        to_korean(page)
        expect(page.get_by_test_id("lesson-title")).to_have_text("손잡이 13,002개")
        expect(page.get_by_test_id("nav-lessons")).to_have_text("실습")
        page.locator("#panel-lessons").screenshot(style=UNSTICK, path=screenshots / "README-lessons-ko.png")


def test_four_lessons_in_english_tick_their_checks_from_the_run(page, open_playground, screenshots):
    open_playground(page)
    # 1. 13,002 knobs: Set up starts the run paused to test the untrained network; Resume trains one epoch.
    open_lesson(page, "knobs")
    setup(page, "train")
    expect_seen(page, "train", "params", "untrained", timeout=60_000)
    expect(page.get_by_test_id("note-train")).to_contain_text("Untrained, this network gets")
    page.get_by_test_id("train-pause").click()   # ▶ Resume
    expect_seen(page, "train", "one_epoch")
    page.locator("#panel-lessons").scroll_into_view_if_needed()
    page.locator("#panel-lessons").screenshot(style=UNSTICK, path=screenshots / "README-lesson-knobs-en.png")
    # 2. XOR with backpropagation: 2-4-1 on the four points solves it.
    open_lesson(page, "xor-backprop")
    setup(page, "hidden-layer")
    expect(page.get_by_test_id("outputs-card")).to_be_visible()
    play(page)
    expect_seen(page, "hidden-layer", "solved", "stays")
    # 3. The delta rule: the four outputs, in the table that updates, end near 0, 0, 1, 1.
    open_lesson(page, "delta-rule")
    setup(page, "table")
    play(page)
    expect_seen(page, "table", "outputs_match")
    outputs = page.get_by_test_id("output-table").locator("tbody tr")
    expect(outputs).to_have_count(4)
    # 4. The learning rate on one weight: the curve in Roll downhill, four balls, four fates.
    open_lesson(page, "learning-rate")
    setup(page, "four-rates")
    expect(page.get_by_test_id("curve-1d")).to_be_visible()
    expect(page.get_by_test_id("contour-map")).to_be_hidden()
    page.get_by_test_id("race-play").click()
    expect_seen(page, "four-rates", "crawls", "local", "global", "diverges", timeout=30_000)
    expect(page.get_by_test_id("race-legend").locator("li").nth(3)).to_contain_text("diverged")
    page.locator("#panel-lessons").scroll_into_view_if_needed()
    page.locator("#panel-lessons").screenshot(style=UNSTICK, path=screenshots / "README-lesson-learning-rate-en.png")


def test_four_lessons_in_korean_tick_their_checks(page, open_playground, screenshots):
    open_playground(page)
    to_korean(page)
    # 1. 손실 함수: softmax + cross-entropy for one epoch, then the gradient table.
    open_lesson(page, "cost")
    setup(page, "ce")
    play(page)
    expect_seen(page, "ce", "ce_learns")
    setup(page, "gradients")
    expect(page.get_by_test_id("grad-table").locator("tbody tr")).not_to_have_count(0)
    expect_seen(page, "gradients", "ce_y_minus_t", "sse_y_minus_t", "sigmoid_sse_not", "kl_equals_ce", timeout=30_000)
    page.locator("#panel-lessons").screenshot(style=UNSTICK, path=screenshots / "README-lesson-cost-ko.png")
    # 2. 층 하나로 XOR: one layer never gets past 3 of the 4 points, decided when the run ends.
    open_lesson(page, "xor-one-layer")
    setup(page, "one-layer")
    play(page)
    expect(check(page, "one-layer", "stuck")).to_have_attribute("data-verdict", "pending")
    expect(check(page, "one-layer", "stuck").locator(".lesson-mark")).to_have_text("아직")
    expect_seen(page, "one-layer", "stuck")
    # 3. 활성화 함수와 그 기울기: f and f' beside the activation choice in Build.
    open_lesson(page, "activations")
    setup(page, "curves")
    expect(page.get_by_test_id("act-plots").locator(".act-plot-cell")).to_have_count(5)
    expect(page.get_by_test_id("act-readout-sigmoid")).to_contain_text("0.25")
    expect_seen(page, "curves", "sigmoid_peak", "tanh_peak", "relu_off", "relu_on", "leaky_slope", "elu_floor", timeout=30_000)
    # 4. ReLU에는 Xavier보다 He: the histogram explorer in Watch.
    open_lesson(page, "init-relu")
    setup(page, "histograms")
    expect(page.get_by_test_id("init-grid").locator(".init-cell")).to_have_count(20, timeout=30_000)
    expect_seen(page, "histograms", "small_dies", "xavier_shrinks", "he_keeps", "half_zero", "few_dead", timeout=30_000)
    page.locator("#panel-lessons").scroll_into_view_if_needed()
    page.locator("#panel-lessons").screenshot(style=UNSTICK, path=screenshots / "README-lesson-init-relu-ko.png")


def test_a_run_that_is_not_the_lessons_or_ends_early_is_never_ticked(page, open_playground):
    open_playground(page)
    open_lesson(page, "xor-backprop")
    setup(page, "hidden-layer")
    # The student changes a setting after Set up: the run that follows is not the lesson's.
    page.get_by_test_id("epochs").fill("400")
    page.get_by_test_id("epochs").press("Enter")
    play(page)
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=RUN)
    expect(check(page, "hidden-layer", "solved")).to_have_attribute("data-verdict", "pending")
    expect(check(page, "hidden-layer", "stays")).to_have_attribute("data-verdict", "pending")
    # Set up again and stop the run before its end: what it did not show is marked ✗.
    setup(page, "hidden-layer")
    page.get_by_test_id("speed").select_option("1")
    play(page)
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "training", timeout=30_000)
    page.get_by_test_id("train-reset").click()
    for check_id in ("solved", "stays"):
        expect(check(page, "hidden-layer", check_id)).to_have_attribute("data-verdict", "fail", timeout=10_000)
        expect(check(page, "hidden-layer", check_id).locator(".lesson-mark")).to_have_text("✗")
    expect(page.get_by_test_id("note-hidden-layer")).to_contain_text("stopped before the end")


def test_a_lesson_link_reproduces_its_setup(page, open_playground):
    open_playground(page, "#lesson=starting-point")
    expect(page.get_by_test_id("lesson")).to_have_attribute("data-lesson", "starting-point")
    expect(page.get_by_test_id("toy-function")).to_have_value("himmelblau")
    expect(page.get_by_test_id("race-legend").locator("li")).to_have_count(4)
    expect_seen(page, "four-starts", "four_minima", timeout=30_000)
    open_lesson(page, "symmetry")
    setup(page, "xor-zeros")
    page.wait_for_function("() => location.hash.includes('lesson=symmetry') && location.hash.includes('preset=xor-zeros')")
    assert "init=zeros" in page.url and "layers=2-4-1" in page.url
    other = page.context.new_page()
    other.goto(page.url)
    other.wait_for_selector("body[data-panels=all]")
    expect(other.get_by_test_id("lesson")).to_have_attribute("data-lesson", "symmetry")
    expect(other.get_by_test_id("init")).to_have_value("zeros")
    expect(other.get_by_test_id("layer-0-neurons")).to_have_value("4")
    other.get_by_test_id("lesson-next").click()
    expect(other.get_by_test_id("lesson")).to_have_attribute("data-lesson", "optimizer-race")
    other.get_by_test_id("lesson-prev").click()
    expect(other.get_by_test_id("lesson")).to_have_attribute("data-lesson", "symmetry")
    other.close()


def test_the_views_the_lessons_need_work_without_a_lesson(page, open_playground):
    open_playground(page)
    # f and f' of the chosen activation, beside the choice.
    expect(page.get_by_test_id("act-readout-sigmoid")).to_contain_text("0.25")
    page.get_by_test_id("layer-0-activation").select_option("tanh")
    expect(page.get_by_test_id("act-readout-tanh")).to_contain_text("largest slope 1")
    # The initialization explorer, on Gaussian inputs.
    page.get_by_test_id("init-explorer").scroll_into_view_if_needed()
    page.get_by_test_id("init-inputs").select_option("gaussian")
    page.get_by_test_id("init-run").click()
    expect(page.get_by_test_id("init-grid").locator(".init-cell")).to_have_count(20, timeout=30_000)
    # The 1-D curve among the toy functions; AdaDelta and AdamW race too.
    page.get_by_test_id("toy-function").select_option("curve")
    page.locator("#panel-downhill").scroll_into_view_if_needed()
    expect(page.get_by_test_id("curve-1d")).to_be_visible()
    expect(page.get_by_test_id("contour-map")).to_be_hidden()
    expect(page.get_by_test_id("race-legend").locator("li[data-optimizer=adadelta]")).to_have_count(1)
    expect(page.get_by_test_id("race-eps-adadelta")).to_have_value("0.000001")
    # Noise and corner digits for the ready-made model.
    page.get_by_test_id("analyze-run").click()
    expect(page.get_by_test_id("analyze-noise")).to_contain_text("uniform noise", timeout=30_000)
    expect(page.get_by_test_id("analyze").locator(".analyze-example")).to_have_count(16)


def test_the_lessons_fit_a_phone(fresh_page, server_url, screenshots):
    with fresh_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="ko-KR") as page:
        page.goto(f"{server_url}/#lesson=optimizer-race&lang=ko")
        page.wait_for_selector("body[data-panels=all]")
        expect(page.get_by_test_id("lesson")).to_have_attribute("data-lesson", "optimizer-race")
        page.locator("#panel-lessons").scroll_into_view_if_needed()
        expect_seen(page, "bowl", "adadelta_arrives", timeout=30_000)
        assert page.evaluate(OVERFLOW) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_test_id("lesson-title").scroll_into_view_if_needed()
        page.screenshot(path=screenshots / "README-lessons-phone-ko.png")
