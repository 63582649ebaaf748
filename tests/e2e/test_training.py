"""Training from the page: the loss chart fills, pause/resume/step work, divergence is explained."""
from playwright.sync_api import expect


QUICK = "#layers=784-16-16-10&activation=sigmoid&optimizer=sgd&lr=0.5&batch_size=32&seed=1&snapshot_every=20&train_size=20000"


def loss_points(pg) -> int:
    return int(pg.get_by_test_id("loss-chart").get_attribute("data-points") or 0)


def wait_points(pg, more_than: int, timeout=30_000) -> int:
    pg.wait_for_function(
        f"() => Number(document.querySelector('[data-testid=loss-chart]').dataset.points || 0) > {more_than}",
        timeout=timeout)
    return loss_points(pg)


def test_play_fills_the_loss_chart_and_finishes(page, screenshots, open_playground):
    open_playground(page, QUICK + "&epochs=2")
    assert loss_points(page) == 0
    page.get_by_test_id("train-start").click()
    wait_points(page, 3)
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=90_000)
    expect(page.get_by_test_id("watch-summary")).to_contain_text("validation accuracy")
    assert page.get_by_test_id("weight-images").locator("canvas").count() == 16
    page.screenshot(path=screenshots / "README-en.png")
    page.add_style_tag(content=".topbar { position: static !important; }")
    page.locator("#panel-watch").screenshot(path=screenshots / "README-watch-en.png")
    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_test_id("lang-toggle").click()
    expect(page.get_by_test_id("status")).to_have_text("완료")
    page.screenshot(path=screenshots / "README-ko.png")
    page.screenshot(path=screenshots / "full-ko.png", full_page=True)


def test_pause_holds_the_chart_and_resume_continues(page, open_playground):
    open_playground(page, QUICK + "&epochs=20")
    page.get_by_test_id("train-start").click()
    before = wait_points(page, 1)
    page.get_by_test_id("train-pause").click()
    pill = page.get_by_test_id("status")
    expect(pill).to_have_attribute("data-state", "paused")
    expect(page.get_by_test_id("train-pause")).to_have_text("▶ Resume")
    page.wait_for_timeout(500)
    held = loss_points(page)
    page.wait_for_timeout(1500)
    assert loss_points(page) == held >= before
    page.get_by_test_id("train-pause").click()
    expect(pill).to_have_attribute("data-state", "training")
    wait_points(page, held)
    page.get_by_test_id("train-reset").click()
    expect(pill).to_have_attribute("data-state", "idle")
    expect(page.get_by_test_id("loss-chart")).to_have_attribute("data-points", "0")


def test_step_while_paused_advances_then_pauses(page, open_playground):
    open_playground(page, QUICK + "&epochs=20")
    page.get_by_test_id("train-start").click()
    wait_points(page, 0)
    page.get_by_test_id("train-pause").click()
    pill = page.get_by_test_id("status")
    expect(pill).to_have_attribute("data-state", "paused")
    page.wait_for_timeout(500)
    held = loss_points(page)
    page.get_by_test_id("train-step-epoch").click()
    wait_points(page, held)
    page.wait_for_function("() => document.querySelector('[data-testid=acc-chart]').dataset.points > 0", timeout=30_000)
    expect(pill).to_have_attribute("data-state", "paused")
    page.wait_for_timeout(1000)
    after = loss_points(page)
    page.wait_for_timeout(1000)
    assert loss_points(page) == after, "after the step it stays paused"
    page.get_by_test_id("train-step").click()
    expect(pill).to_have_attribute("data-state", "paused")


def test_step_before_play_starts_paused_after_one_epoch(page, open_playground):
    open_playground(page, QUICK + "&epochs=3&train_size=2000")
    page.get_by_test_id("train-step-epoch").click()
    page.wait_for_function("() => document.querySelector('[data-testid=acc-chart]').dataset.points > 0", timeout=30_000)
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "paused")
    expect(page.get_by_test_id("watch-summary")).to_contain_text("Epoch 1.00")


def test_learning_rate_can_change_while_training(page, open_playground):
    open_playground(page, QUICK + "&epochs=20")
    page.get_by_test_id("train-start").click()
    wait_points(page, 1)
    page.get_by_test_id("lr-input").fill("0.05")
    page.get_by_test_id("lr-input").press("Enter")
    expect(page.get_by_test_id("watch-summary")).to_contain_text("learning rate 0.05", timeout=30_000)
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "training")


def test_a_diverging_setup_says_so_and_suggests_a_lower_learning_rate(page, open_playground, screenshots):
    open_playground(page, "#layers=784-64-10&activation=relu&output=identity&loss=sse&init=normal&init_std=1"
                    "&optimizer=sgd&lr=10&batch_size=32&epochs=1&seed=0")
    page.get_by_test_id("train-start").click()
    pill = page.get_by_test_id("status")
    page.wait_for_function("() => ['diverged', 'error', 'done'].includes("
                           "document.querySelector('[data-testid=status]').dataset.state)", timeout=30_000)
    message = page.get_by_test_id("status-message")
    assert pill.get_attribute("data-state") == "diverged", message.inner_text()
    page.screenshot(path=screenshots / "diverged-en.png")
    expect(message).to_contain_text("smaller learning rate")
    expect(message).to_contain_text("1")
    # The chart that has no curve says why, rather than showing empty axes.
    expect(page.locator("#panel-story .empty-note")).to_contain_text("NaN")


def test_nothing_above_the_draw_panel_moves_while_training(page, open_playground):
    open_playground(page, QUICK + "&epochs=3")
    boxes = "['#panel-watch', '[data-testid=loss-chart]', '#panel-draw'].map((s) => {" \
            " const r = document.querySelector(s).getBoundingClientRect(); return [r.top, r.height]; })"
    before = page.evaluate(boxes)
    page.get_by_test_id("train-start").click()
    wait_points(page, 3)
    page.wait_for_function("() => document.querySelector('[data-testid=acc-chart]').dataset.points > 0", timeout=30_000)
    assert page.evaluate(boxes) == before
