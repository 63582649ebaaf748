"""Limits the page reads from the server instead of assuming them: layer widths and the speed range."""
import json

from playwright.sync_api import expect


def test_a_layer_width_out_of_range_is_kept_explained_and_holds_play_back(page, open_playground):
    open_playground(page, "#layers=784-16-16-10")
    width = page.get_by_test_id("layer-0-neurons")
    note = page.get_by_test_id("layer-0-neurons-note")
    play = page.get_by_test_id("train-start")
    for typed in ("2000", "0", "2.5"):
        width.fill(typed)
        width.press("Tab")
        expect(width).to_have_value(typed)                       # never rounded or clamped
        expect(width).to_have_attribute("aria-invalid", "true")
        expect(note).to_have_text("allowed: whole numbers, 1 ≤ x ≤ 1,024")
        expect(play).to_be_disabled()
        expect(page.get_by_test_id("play-why")).to_contain_text("Hidden layer 1 (allowed: whole numbers, 1 ≤ x ≤ 1,024)")
        assert "layers=784-16-16-10" in page.url
    width.fill("24")
    width.press("Tab")
    expect(note).to_be_hidden()
    expect(play).to_be_enabled()
    page.wait_for_function("() => location.hash.includes('layers=784-24-16-10')")
    expect(page.get_by_test_id("param-count")).to_contain_text(f"{784 * 24 + 24 + 24 * 16 + 16 + 16 * 10 + 10:,}")


def test_the_speed_choices_follow_the_servers_range(page):
    """A server that paces runs at most 50 updates a second: the page offers no faster pace and
    reports a link that asks for one, instead of sending what the server would refuse."""
    def smaller(route):
        options = route.fetch().json()
        options["limits"]["speed"] = [0, 50]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(options))
    page.route("**/api/options", smaller)
    page.goto(f"{page.base_url}/#speed=300")
    page.wait_for_selector("body[data-panels=all]")
    choices = page.get_by_test_id("speed").locator("option")
    expect(choices).to_have_text(["1 update a second (slow motion)", "3 updates a second", "10 updates a second", "30 updates a second",
                                  "50 updates a second", "As fast as possible"])
    expect(page.get_by_test_id("speed")).to_have_value("50")   # MNIST's own pace (300) is beyond this server
    expect(page.get_by_test_id("status-message")).to_contain_text("speed")
