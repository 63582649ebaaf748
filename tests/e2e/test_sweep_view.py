"""The Sweeps view in the Runs panel: a 3 × 3 sweep (learning rate × optimizer) on tiny data
fills its heatmap with the server's numbers, marks the best, and overlays a picked cell's curve."""
from __future__ import annotations

import re

from playwright.sync_api import expect

TINY = "#layers=784-8-10&train_size=600&batch_size=30&lr=0.5&epochs=1&schedule=constant"


def _set_up_lr_by_optimizer(page) -> None:
    page.get_by_test_id("sweep-start").scroll_into_view_if_needed()
    page.get_by_test_id("sweep-field-1").select_option("lr")
    page.get_by_test_id("sweep-min-1").fill("0.05")
    page.get_by_test_id("sweep-max-1").fill("0.5")
    page.get_by_test_id("sweep-points-1").fill("3")
    page.get_by_test_id("sweep-field-2").select_option("optimizer")
    page.get_by_test_id("sweep-values-2").fill("sgd, momentum, adam")
    page.get_by_test_id("sweep-epochs").fill("1")


def test_a_three_by_three_sweep_fills_the_heatmap_and_overlays_a_cells_curve(page, open_playground, screenshots):
    open_playground(page, TINY)
    _set_up_lr_by_optimizer(page)
    expect(page.get_by_test_id("sweep-count")).to_have_text("9 runs")
    page.get_by_test_id("sweep-start").click()
    expect(page.get_by_test_id("sweep-cancel")).to_be_enabled()
    expect(page.get_by_test_id("sweep-progress")).to_have_attribute("data-state", "done", timeout=120_000)
    expect(page.get_by_test_id("sweep-progress")).to_contain_text("all 9 runs finished")

    heatmap = page.get_by_test_id("sweep-heatmap")
    columns = heatmap.locator("thead th").all_inner_texts()[1:]
    rows = heatmap.locator("tbody th").all_inner_texts()
    assert columns == ["SGD", "Momentum", "Adam"] and rows == ["0.05", "0.16", "0.5"]
    cells = page.get_by_test_id("sweep-cell")
    expect(cells).to_have_count(9)
    shown = {(int(c.get_attribute("data-row")), int(c.get_attribute("data-col"))): c.inner_text()
             for c in cells.all()}

    sweep_id = page.get_by_test_id("sweep-progress").get_attribute("data-sweep")
    sweep = page.request.get(f"{page.base_url}/api/sweeps/{sweep_id}").json()
    for cell in sweep["cells"]:                                      # what the page reads is the server's result
        i, j = cell["coords"]
        assert cell["status"] == "done", cell
        assert shown[(i, j)] == f"{100 * cell['val_accuracy']:.1f}%", (cell, shown[(i, j)])
    top = max(sweep["cells"], key=lambda c: c["val_accuracy"])
    brightest = page.locator(f"[data-testid=sweep-cell][data-index='{top['index']}']")
    expect(brightest).to_have_css("background-color", "rgb(253, 231, 37)")   # the best cell is viridis' yellow

    page.get_by_test_id("sweep-metric-val_loss").click()            # the same cells, by loss
    loss_text = page.locator(f"[data-testid=sweep-cell][data-index='{top['index']}']").inner_text()
    assert loss_text == f"{top['val_loss']:.3g}" or float(loss_text) == float(f"{top['val_loss']:.3g}")

    page.get_by_test_id("sweep-metric-val_accuracy").click()
    pick = sweep["cells"][4]                                         # the middle cell: lr 0.16, Momentum
    page.locator("[data-testid=sweep-cell][data-index='4']").click()
    overlay = page.get_by_test_id("sweep-overlay")
    expect(overlay).to_have_attribute("data-series", "9", timeout=20_000)
    expect(overlay).to_have_attribute("data-picked", "4")
    expect(overlay.locator("canvas")).to_have_count(1)
    expect(page.get_by_test_id("sweep-overlay-caption")).to_contain_text("learning rate 0.16, optimizer Momentum")
    assert pick["values"]["optimizer"] == "momentum"
    page.locator(".sweeps").screenshot(path=str(screenshots / "sweep-heatmap.png"))

    runs = page.request.get(f"{page.base_url}/api/runs", params={"sweep": sweep["sweep_id"]}).json()
    assert sorted(r["cell"] for r in runs) == list(range(9))        # each cell a saved run of the sweep
    page.get_by_test_id("runs-refresh").click()                      # and the Runs list says which are the sweep's
    expect(page.get_by_test_id("run-sweep-tag")).to_have_count(9)
    expect(page.get_by_test_id("run-sweep-tag").first).to_contain_text("sweep run")


def test_a_sweep_past_the_cap_is_refused_with_the_reason_and_nothing_runs(page, open_playground):
    open_playground(page, TINY)
    _set_up_lr_by_optimizer(page)
    page.get_by_test_id("sweep-points-1").fill("11")
    page.get_by_test_id("sweep-field-2").select_option("seed")
    page.get_by_test_id("sweep-values-2").fill(",".join(str(s) for s in range(10)))
    expect(page.get_by_test_id("sweep-count")).to_have_text(re.compile("110 runs: a sweep can have at most 100"))
    before = len(page.request.get(f"{page.base_url}/api/sweeps").json())
    page.get_by_test_id("sweep-start").click()
    expect(page.get_by_test_id("sweep-error")).to_contain_text("110 cells")
    assert len(page.request.get(f"{page.base_url}/api/sweeps").json()) == before
    expect(page.get_by_test_id("sweep-cell")).to_have_count(0)
