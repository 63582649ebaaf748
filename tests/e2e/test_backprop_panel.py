"""The Backprop panel as a student uses it: XOR 2-2-1 stepped forward and backward with the
endpoint's numbers on the page, the gradients beside the numerical ones, the update, 100 updates,
bad input explained next to its field, Check gradients in the Build panel, both languages, a phone."""
from __future__ import annotations

import json
import re
import urllib.request
from contextlib import contextmanager

from playwright.sync_api import expect

from test_first_screen import OVERFLOW

UNSTICK = ".topbar { position: static !important; }"


def endpoint(server_url: str, path: str, body=None) -> dict:
    """What the server answers the page's own request (GET, or POST a JSON body)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{server_url}{path}", data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def number(text: str) -> float:
    """A number as the page writes it: 0.453, −0.0934, 2.4e−11, ← −0.171, ∇ 0.116."""
    return float(re.sub(r"^[←∇]\s*", "", text.strip()).replace("−", "-"))


def near(shown: float, want: float, digits: int = 3) -> bool:
    """`shown` is `want` rounded to `digits` significant digits."""
    return want == 0 and shown == 0 or abs(shown - want) <= 0.51 * 10 ** (int(f"{abs(want):e}".split("e")[1]) - digits + 1)


@contextmanager
def backprop_page(browser, server_url, width=1440, height=900, lang="en"):
    """A fresh page at this size and language, opened on the Backprop panel; console errors fail the test."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.console_errors = errors
    try:
        pg.goto(f"{server_url}/?lang={lang}#panel-backprop")
        pg.wait_for_selector("body[data-panels=all]", timeout=30_000)
        expect(pg.locator("[data-testid=bp-node][data-id=L]")).to_be_visible(timeout=30_000)
        show_panel(pg)
        yield pg
        assert not errors, "\n".join(errors)
    finally:
        context.close()


def box(pg, ident: str):
    return pg.locator(f"[data-testid=bp-node][data-id='{ident}']")


def value(pg, ident: str) -> float:
    return number(box(pg, ident).get_by_test_id("bp-value").inner_text())


def show_panel(pg) -> None:
    pg.evaluate("window.scrollTo(0, document.getElementById('panel-backprop').getBoundingClientRect().top + scrollY"
                " - document.querySelector('.topbar').offsetHeight - 8)")


def test_xor_2_2_1_forward_backward_and_update_show_the_endpoints_numbers(browser, server_url, screenshots):
    preset = endpoint(server_url, "/api/backprop/presets")["presets"]["xor_2_2_1"]
    with backprop_page(browser, server_url) as pg:
        pg.get_by_test_id("bp-preset-xor_2_2_1").click()
        expect(pg.get_by_test_id("bp-example-now")).to_contain_text("x = (1, 1)")
        index = int(pg.get_by_test_id("bp-example").input_value())
        want = endpoint(server_url, "/api/backprop/trace", {**preset, "example": {"index": index}})
        nodes = {n["id"]: n for n in want["graph"]["nodes"]}
        forward, backward = want["graph"]["forward"], want["graph"]["backward"]
        progress = pg.get_by_test_id("bp-progress")
        expect(progress).to_have_text(f"Forward pass 0 / {len(forward)} · backward pass 0 / {len(backward)}")
        assert box(pg, "s1.0").get_by_test_id("bp-value").inner_text() == "?"
        assert near(value(pg, "W1.1.0"), nodes["W1.1.0"]["value"]), "weights are known from the start"

        # Forward, one node a step (→ on the keyboard): three values read off the page.
        pg.keyboard.press("ArrowRight")
        expect(box(pg, "s1.0")).to_have_attribute("data-state", "forward")
        assert near(value(pg, "s1.0"), nodes["s1.0"]["value"])
        assert box(pg, "s1.1").get_by_test_id("bp-value").inner_text() == "?"
        expect(pg.get_by_test_id("bp-forward-eq")).to_contain_text("=")
        for _ in range(forward.index("a1.0")):
            pg.keyboard.press("ArrowRight")
        expect(box(pg, "a1.0")).to_have_attribute("data-state", "forward")
        assert near(value(pg, "a1.0"), nodes["a1.0"]["value"])
        expect(pg.get_by_test_id("bp-card")).to_contain_text(f"step {forward.index('a1.0') + 1} of {len(forward)}")
        for _ in range(len(forward) - forward.index("a1.0") - 1):
            pg.keyboard.press("ArrowRight")
        expect(box(pg, "L")).to_have_attribute("data-state", "forward")
        assert near(value(pg, "L"), want["loss"]) and near(value(pg, "y.0"), want["output"][0])
        assert pg.get_by_test_id("bp-forward").is_disabled()

        # Backward, loss first: upstream arrives, the local derivative, downstream = local × upstream.
        pg.get_by_test_id("bp-backward").click()
        expect(box(pg, "L")).to_have_attribute("data-state", "backward")
        jump = nodes["L"]["inputs"][0]
        assert jump["from"] == "z2.0" and jump.get("fused")
        assert near(number(box(pg, "z2.0").get_by_test_id("bp-grad").inner_text()), jump["downstream"]), \
            "the fused pair sends ∂L/∂z = y − t straight to z"
        for _ in range(backward.index("s2.0")):
            pg.get_by_test_id("bp-backward").click()
        expect(box(pg, "s2.0")).to_have_attribute("data-state", "backward")
        card = pg.get_by_test_id("bp-card")
        stages = card.locator("[data-testid=bp-upstream], [data-testid=bp-local], [data-testid=bp-downstream]")
        expect(stages).to_have_count(3)
        assert [stages.nth(i).get_attribute("data-testid") for i in range(3)] == ["bp-upstream", "bp-local", "bp-downstream"]
        sent = {e["from"]: e["downstream"] for e in nodes["s2.0"]["inputs"]}
        assert near(number(box(pg, "a1.0").get_by_test_id("bp-grad").inner_text()), sent["a1.0"])
        assert near(number(box(pg, "W2.0.0").get_by_test_id("bp-grad").inner_text()), sent["W2.0.0"])
        expect(card.locator("tr[data-from]")).to_have_count(4)
        show_panel(pg)
        pg.locator("#panel-backprop").screenshot(path=screenshots / "README-backprop-en.png", style=UNSTICK)
        expect(pg.get_by_test_id("bp-grads")).to_be_hidden()

        # The rest of the backward pass at once; then each gradient beside the numerical one.
        pg.keyboard.press("p")
        expect(progress).to_have_text(f"Forward pass {len(forward)} / {len(forward)} · backward pass {len(backward)} / {len(backward)}")
        rows = pg.get_by_test_id("bp-grad-row")
        expect(rows).to_have_count(9)
        assert near(number(box(pg, "x.0").get_by_test_id("bp-grad").inner_text()), nodes["x.0"]["upstream"])
        # x1 feeds both hidden sums: its upstream is the sum of what each sent back.
        box(pg, "x.0").click()
        expect(card).to_contain_text("This box feeds 2 others")
        parts = [e["downstream"] for n in ("s1.0", "s1.1") for e in nodes[n]["inputs"] if e["from"] == "x.0"]
        assert abs(sum(parts) - nodes["x.0"]["upstream"]) < 1e-12
        box(pg, "x.0").click()
        expect(card).not_to_contain_text("This box feeds")
        W1 = want["gradients"]["tensors"][0]
        row = pg.locator("tr[data-entry='W1[2,1]']").first
        assert near(number(row.locator("[data-role=analytic]").inner_text()), W1["analytic"][1][0], 6)
        assert near(number(row.locator("[data-role=numeric]").inner_text()), W1["numeric"][1][0], 6)
        expect(pg.get_by_test_id("bp-grads").locator("tbody [data-verdict=good]")).to_have_count(9 + 4)

        # Update: the weights move as the endpoint's optimizer moved them.
        pg.get_by_test_id("bp-update-btn").click()
        after = want["update"]["params"][0]["after"][1][0]
        expect(box(pg, "W1.1.0")).to_have_class(re.compile(r"\bmoved\b"))
        assert near(value(pg, "W1.1.0"), after) and not near(value(pg, "W1.1.0"), nodes["W1.1.0"]["value"])
        cell = pg.get_by_test_id("bp-update").locator("tr[data-entry='W1[2,1]'] [data-role=after]")
        assert near(number(cell.inner_text()), after, 6)
        expect(card).to_contain_text("Weights updated")

        # The next example is traced with the updated weights.
        pg.keyboard.press("n")
        expect(pg.get_by_test_id("bp-example-now")).to_contain_text("x = (0, 0)")
        assert near(value(pg, "W1.1.0"), want["next"]["params"]["W1"][1][0])
        expect(box(pg, "W1.1.0")).not_to_have_class(re.compile(r"\bmoved\b"))


def test_korean_page_uses_the_courses_words(browser, server_url, screenshots):
    with backprop_page(browser, server_url, lang="ko") as pg:
        expect(pg.locator("#h-backprop")).to_have_text("역전파")
        for _ in range(3):
            pg.keyboard.press("p")
        pg.keyboard.press("ArrowLeft")
        pg.keyboard.press("ArrowLeft")
        card = pg.get_by_test_id("bp-card")
        expect(card).to_contain_text("역전파")
        for word in ["상류 기울기", "국소 미분", "하류 기울기", "연쇄 법칙"]:
            expect(card).to_contain_text(word)
        expect(pg.get_by_test_id("bp-keys")).to_contain_text("갱신")
        show_panel(pg)
        pg.locator("#panel-backprop").screenshot(path=screenshots / "README-backprop-ko.png", style=UNSTICK)
        pg.keyboard.press("p")
        expect(pg.get_by_test_id("bp-grads")).to_contain_text("수치 미분")
        expect(pg.get_by_test_id("bp-grads")).to_contain_text("상대 오차")
        pg.keyboard.press("u")
        expect(pg.get_by_test_id("bp-update")).to_contain_text("학습률")
        pg.locator("#panel-backprop").screenshot(path=screenshots / "backprop-update-ko.png", style=UNSTICK)


def test_100_updates_draw_the_loss_and_the_four_xor_answers(browser, server_url):
    preset = endpoint(server_url, "/api/backprop/presets")["presets"]["xor_2_4_1"]
    with backprop_page(browser, server_url) as pg:
        pg.get_by_test_id("bp-preset-xor_2_4_1").click()
        expect(pg.get_by_test_id("bp-preset-xor_2_4_1")).to_have_attribute("aria-pressed", "true")
        index = int(pg.get_by_test_id("bp-example").input_value())
        want = endpoint(server_url, "/api/backprop/train", {**preset, "example": {"index": index}, "steps": 100, "batch": "all"})
        pg.get_by_test_id("bp-train").click()
        summary = pg.get_by_test_id("bp-train-summary")
        expect(summary).to_contain_text("After 100 updates", timeout=30_000)
        right = sum(e["correct"] for e in want["examples"])
        expect(summary).to_contain_text(f"{right} of 4 examples right")
        assert right == 4, "XOR 2-4-1 answers all four after 100 updates"
        rows = pg.get_by_test_id("bp-example-row")
        expect(rows).to_have_count(4)
        for i, e in enumerate(want["examples"]):
            expect(rows.nth(i)).to_have_attribute("data-correct", "true" if e["correct"] else "false")
            expect(rows.nth(i)).to_contain_text("✓" if e["correct"] else "✗")
        expect(pg.get_by_test_id("bp-loss-chart")).to_have_attribute("data-points", "100")
        # The graph now holds the trained weights; r runs 100 more from there.
        assert near(value(pg, "W1.0.0"), want["next"]["params"]["W1"][0][0])
        pg.get_by_test_id("bp-graph").focus()
        pg.keyboard.press("r")
        expect(summary).to_contain_text("After 200 updates", timeout=30_000)
        expect(pg.get_by_test_id("bp-loss-chart")).to_have_attribute("data-points", "200")


def test_bad_input_is_explained_next_to_the_field_it_names(browser, server_url):
    with backprop_page(browser, server_url) as pg:
        pg.get_by_test_id("bp-build-toggle").click()
        pg.get_by_test_id("bp-layers").fill("2-30-9-1")
        pg.get_by_test_id("bp-apply").click()
        expect(pg.get_by_test_id("bp-note-layers")).to_contain_text("42 units in all")
        expect(pg.get_by_test_id("bp-layers")).to_have_attribute("aria-invalid", "true")
        pg.get_by_test_id("bp-layers").fill("2-3-1")
        pg.get_by_test_id("bp-activation").fill("swish")
        pg.get_by_test_id("bp-apply").click()
        expect(pg.get_by_test_id("bp-note-activation")).to_contain_text("unknown 'swish'")
        expect(pg.get_by_test_id("bp-note-layers")).to_have_text("")
        pg.get_by_test_id("bp-activation").fill("relu")
        pg.get_by_test_id("bp-apply").click()
        expect(pg.get_by_test_id("bp-progress")).to_contain_text("Forward pass 0 / 13")   # 2-3-1 has 3 units a layer
        expect(pg.get_by_test_id("bp-note-activation")).to_have_text("")

        pg.get_by_test_id("bp-example").select_option("typed")
        for typed, says in [("1", "xor examples have 2 values, got 1"), ("1, 1e999", "must be a finite number"),
                            ("1, 2e6", "must lie within")]:
            pg.get_by_test_id("bp-example-x").fill(typed)
            pg.get_by_test_id("bp-example-label").fill("1")
            pg.get_by_test_id("bp-example-go").click()
            expect(pg.get_by_test_id("bp-note-example.x")).to_contain_text(says)
        pg.get_by_test_id("bp-example-x").fill("0.5, -1")
        pg.get_by_test_id("bp-example-go").click()
        expect(pg.get_by_test_id("bp-example-now")).to_contain_text("x = (0.5, -1), target t = 1")
        expect(pg.get_by_test_id("bp-note-example.x")).to_have_text("")
        # The browser logs each refused request; exactly the five asked for here, nothing else.
        refused = [e for e in pg.console_errors if "status of 422" in e]
        assert len(refused) == 5, pg.console_errors
        pg.console_errors[:] = [e for e in pg.console_errors if e not in refused]


def test_check_gradients_in_the_build_panel(browser, server_url):
    with backprop_page(browser, server_url) as pg:
        pg.get_by_test_id("gradcheck").click()
        result = pg.get_by_test_id("gradcheck-result")
        expect(result).to_have_attribute("data-kind", "result", timeout=60_000)
        expect(result).to_contain_text("784-16-16-10")
        expect(result).to_contain_text("13,002")
        expect(result.locator("tr[data-tensor]")).to_have_count(6)
        for name in ["W1", "b1", "W2", "b2", "W3", "b3"]:
            verdict = result.locator(f"tr[data-tensor={name}] [data-verdict]").get_attribute("data-verdict")
            assert verdict in ("good", "acceptable"), (name, verdict)
        pg.get_by_test_id("layer-0-neurons").fill("64")
        pg.get_by_test_id("layer-0-neurons").press("Enter")
        expect(result).to_contain_text("for an earlier network")
        pg.get_by_test_id("gradcheck").click()
        expect(result).to_have_attribute("data-kind", "tooLarge", timeout=30_000)
        expect(result).to_contain_text(f"{784 * 64 + 64 + 64 * 16 + 16 + 16 * 10 + 10:,} parameters")
        expect(result).to_contain_text("at most 20,000")
        refused = [e for e in pg.console_errors if "status of 422" in e]
        assert len(refused) == 1, pg.console_errors
        pg.console_errors.remove(refused[0])


def test_a_phone_steps_the_graph_inside_its_own_box(browser, server_url, screenshots):
    with backprop_page(browser, server_url, width=390, height=844) as pg:
        graph = pg.get_by_test_id("bp-graph")
        assert graph.evaluate("(el) => el.scrollWidth > el.clientWidth"), "the graph is wider than a phone and scrolls"
        assert pg.evaluate(OVERFLOW) == []
        for _ in range(12):
            forward = pg.get_by_test_id("bp-forward")
            (forward if forward.is_enabled() else pg.get_by_test_id("bp-backward")).click()
        current = pg.locator("[data-testid=bp-node][data-state=backward]")
        expect(current).to_have_count(1)
        inside = graph.evaluate("(el) => { const n = el.querySelector('.bp-node[data-state=backward]').getBoundingClientRect();"
                                " const b = el.getBoundingClientRect(); return n.left >= b.left && n.right <= b.right; }")
        assert inside, "the node just reached is scrolled into the graph's box"
        assert pg.evaluate(OVERFLOW) == []
        pg.evaluate("window.scrollTo(0, document.querySelector('.bp-controls').getBoundingClientRect().top + scrollY"
                    " - document.querySelector('.topbar').offsetHeight - 4)")
        pg.screenshot(path=screenshots / "README-backprop-phone-en.png")
