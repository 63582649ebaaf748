"""Korean everywhere, a focus ring you can see, a keyboard-driven 3-D view and a header that never grows."""
import re

from playwright.sync_api import expect

# Names students meet in Latin letters in the Korean course too: optimizers, activations, data sets, symbols.
ALLOWED = {
    "Downhill", "English", "SGD", "Adam", "AdamW", "AdaGrad", "RMSProp", "AdaDelta", "AMSGrad", "MNIST", "XOR",
    "ReLU", "Leaky", "ELU", "tanh", "Xavier", "He", "SSE", "MSE", "KL", "PCA", "NaN", "WebGL",
    # PyTorch argument names kept in brackets after the Korean label, e.g. "감쇠 (dampening)".
    "dampening", "rho", "alpha", "betas", "epsilon", "gamma", "patience", "cooldown", "centered", "T_max",
    "min",  # of η_min
    "n_in", "n_out",  # the fan-in and fan-out in the initializers' variances, as the course writes them
}
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")

# Every visible text node, every option of every select, and the accessible names (aria-label) of visible elements;
# the language toggle's name says "Switch to English" on purpose, for readers of English.
PAGE_TEXT = """() => {
  const out = [];
  const seen = (el) => el && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || ["SCRIPT", "STYLE", "OPTION"].includes(el.tagName) || !seen(el)) continue;
    out.push(n.textContent.trim());
  }
  for (const sel of document.querySelectorAll("select")) {
    if (seen(sel)) for (const o of sel.options) out.push(o.textContent.trim());
  }
  for (const el of document.querySelectorAll("[aria-label]:not([data-testid=lang-toggle])")) {
    if (seen(el)) out.push(el.getAttribute("aria-label"));
  }
  out.push(document.title);
  return out;
}"""


def untranslated(texts):
    """Texts -> {english word: first text it appears in}, names in ALLOWED left out."""
    found = {}
    for text in texts:
        for word in ENGLISH_WORD.findall(text):
            if word not in ALLOWED:
                found.setdefault(word, text)
    return found


def open_korean(page, open_playground, hash_=""):
    open_playground(page, hash_)
    page.get_by_test_id("lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "idle", timeout=15_000)


def test_korean_page_leaves_no_english_ui_words(page, open_playground):
    open_korean(page, open_playground)
    page.get_by_test_id("toy-function").scroll_into_view_if_needed()
    expect(page.get_by_test_id("race-legend").locator("li")).not_to_have_count(0, timeout=15_000)
    texts = page.evaluate(PAGE_TEXT)
    for testid in ("optimizer", "schedule"):
        for value in page.get_by_test_id(testid).locator("option").evaluate_all("(os) => os.map((o) => o.value)"):
            page.get_by_test_id(testid).select_option(value)
            texts += page.evaluate(PAGE_TEXT)
    found = untranslated(texts)
    assert not found, f"untranslated English in the Korean page: {found}"
    assert "신경망" in page.title()
    page.get_by_test_id("lang-toggle").click()
    assert "watch a neural network learn" in page.title()


def test_korean_toy_functions_and_legend_are_translated(page, open_playground):
    open_korean(page, open_playground)
    options = page.get_by_test_id("toy-function").locator("option").all_text_contents()
    assert "여섯 혹 낙타 함수" in options and not any("six-hump" in o for o in options), options
    legend = page.get_by_test_id("race-legend").locator("li").first
    expect(legend.locator(".lr-label")).to_have_text("학습률")


def contrast(rgb_a, rgb_b):
    def lum(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(rgb_a), lum(rgb_b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


RING = """(el) => { const s = getComputedStyle(el);
  const bg = getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)'
    ? getComputedStyle(document.documentElement).backgroundColor : getComputedStyle(document.body).backgroundColor;
  return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg,
           focused: document.activeElement === el, visible: el.matches(':focus-visible') }; }"""


def rgb(css):
    return [int(v) for v in re.findall(r"\d+", css)[:3]]


def test_the_focus_ring_is_visible_on_buttons_and_the_3d_view(page, open_playground):
    open_playground(page)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.testid") == "train-start":
            break
    ring = page.get_by_test_id("train-start").evaluate(RING)
    assert ring["focused"] and ring["visible"], ring
    assert ring["style"] == "solid" and ring["width"] >= 3, ring
    for background in (ring["bg"], "rgb(255, 255, 255)"):
        assert contrast(rgb(ring["color"]), rgb(background)) >= 3, (ring, background)
    view = page.get_by_test_id("surface-view")
    assert view.get_attribute("role") == "application" and view.get_attribute("tabindex") == "0"
    view.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring3d = view.evaluate(RING)
    assert ring3d["focused"] and ring3d["style"] == "solid" and ring3d["width"] >= 3, ring3d


def test_arrow_keys_rotate_the_3d_view_without_scrolling(page, open_playground):
    open_playground(page)
    view = page.get_by_test_id("surface-view")
    view.scroll_into_view_if_needed()
    expect(view).to_have_attribute("data-has-surface", "true", timeout=15_000)
    page.wait_for_timeout(500)
    pixels = "document.querySelector('[data-testid=surface-view] canvas').toDataURL()"
    before = page.evaluate(pixels)
    scroll = page.evaluate("window.scrollY")
    view.focus()
    for key in ("ArrowLeft", "ArrowLeft", "ArrowUp", "+"):
        page.keyboard.press(key)
    page.wait_for_timeout(600)
    assert page.evaluate("window.scrollY") == scroll, "arrow keys must not scroll the page"
    assert page.evaluate(pixels) != before, "the view turned"
    assert view.get_attribute("aria-describedby") == "surface-keys"
    expect(page.locator("#surface-keys")).to_contain_text("arrow keys")


def test_labels_belong_to_their_controls(page, open_playground):
    open_playground(page)
    expect(page.get_by_label("Learning rate (slider, log scale)")).to_have_attribute("data-testid", "lr-slider")
    watch = page.locator("#panel-watch")
    expect(watch.get_by_label("Layer", exact=True)).to_have_attribute("data-testid", "hist-layer")
    expect(watch.get_by_label("Show", exact=True)).to_have_attribute("data-testid", "hist-kind")


def test_a_server_error_names_the_control_not_the_field_path(page, open_playground):
    open_korean(page, open_playground, "#epochs=1&train_size=0")
    page.get_by_test_id("train-start").click()
    message = page.get_by_test_id("status-message")
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "error", timeout=15_000)
    expect(message).to_contain_text("(사용할 훈련 데이터 수)")
    assert "train_size" not in message.inner_text(), message.inner_text()


def test_paused_play_is_disabled_and_the_header_keeps_its_height(page, open_playground, screenshots):
    open_korean(page, open_playground, "#layers=784-16-10&optimizer=sgd&lr=0.5&epochs=20&train_size=2000&snapshot_every=5")
    header = lambda: page.locator(".topbar").bounding_box()["height"]
    idle = header()
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "training", timeout=30_000)
    page.get_by_test_id("train-pause").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "paused")
    expect(page.get_by_test_id("train-start")).to_be_disabled()
    expect(page.get_by_test_id("train-start")).to_have_text("▶ 학습 시작")
    expect(page.get_by_test_id("train-pause")).to_have_text("▶ 이어서 학습")
    page.get_by_test_id("train-reset").click()
    open_page_hash = "#layers=784-64-10&activation=relu&output=identity&loss=sse&init=normal&init_std=1" \
                     "&optimizer=sgd&lr=10&batch_size=32&epochs=1&seed=0"
    page.goto(f"{page.base_url}/{open_page_hash}")
    page.wait_for_selector("body[data-panels=all]")
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "diverged", timeout=30_000)
    message = page.get_by_test_id("status-message")
    expect(message).to_contain_text("NaN(숫자가 아님)")
    assert message.get_attribute("title") == message.text_content(), "the full text is in the tooltip"
    assert header() == idle, "the diverged message must not grow the sticky header"
    page.screenshot(path=screenshots / "diverged-ko.png")
