"""The page's files answered from memory: the same bytes as on disk, fresh after an edit,
revalidated by ETag, gzip for browsers that take it; anything unusual goes on to the mount."""
from __future__ import annotations

import os

import pytest
from starlette.applications import Starlette
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from app.core.staticcache import StaticCache

SCRIPT = "export const answer = 42;\n" + "// a comment long enough to be worth compressing\n" * 60


@pytest.fixture()
def site(tmp_path):
    folder = tmp_path / "static"
    (folder / "views").mkdir(parents=True)
    (folder / "views" / "a.js").write_text(SCRIPT)
    (folder / "tiny.css").write_text("body { margin: 0 }")
    (tmp_path / "secret.txt").write_text("not for the web")
    app = Starlette()
    app.mount("/static", StaticFiles(directory=folder))
    app.add_middleware(StaticCache, folders={"/static": folder})
    with TestClient(app) as client:
        yield client, folder


def test_a_file_is_served_with_its_bytes_type_and_validator(site):
    client, _ = site
    r = client.get("/static/views/a.js", headers={"accept-encoding": "identity"})
    assert r.status_code == 200 and r.text == SCRIPT
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["cache-control"] == "no-cache" and r.headers["etag"]
    assert "content-encoding" not in r.headers


def test_gzip_only_when_accepted_and_worth_it(site):
    client, _ = site
    r = client.get("/static/views/a.js", headers={"accept-encoding": "gzip, deflate"})
    assert r.headers["content-encoding"] == "gzip" and r.headers["vary"] == "accept-encoding"
    assert r.text == SCRIPT   # the client undoes it; the bytes sent were fewer
    assert int(r.headers["content-length"]) < len(SCRIPT) / 3
    small = client.get("/static/tiny.css", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in small.headers and small.text == "body { margin: 0 }"


def test_a_browser_that_has_the_file_gets_a_bodiless_304(site):
    client, _ = site
    etag = client.get("/static/views/a.js").headers["etag"]
    again = client.get("/static/views/a.js", headers={"if-none-match": f'W/"other", {etag}'})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/static/views/a.js", headers={"if-none-match": '"stale"'}).status_code == 200


def test_an_edited_file_is_served_fresh(site):
    client, folder = site
    first = client.get("/static/views/a.js")
    path = folder / "views" / "a.js"
    path.write_text("export const answer = 43;\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    second = client.get("/static/views/a.js")
    assert second.text == "export const answer = 43;\n"
    assert second.headers["etag"] != first.headers["etag"]


def test_head_has_the_headers_and_no_body(site):
    client, _ = site
    r = client.head("/static/views/a.js", headers={"accept-encoding": "identity"})
    assert r.status_code == 200 and r.content == b"" and r.headers["content-length"] == str(len(SCRIPT))


@pytest.mark.parametrize("path", ["/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/views/../../secret.txt"])
def test_nothing_outside_the_folder_is_served(site, path):
    client, _ = site
    r = client.get(path)
    assert r.status_code == 404 and "not for the web" not in r.text


def test_missing_files_ranges_and_other_methods_go_on_to_the_mount(site):
    client, _ = site
    assert client.get("/static/nope.js").status_code == 404
    ranged = client.get("/static/views/a.js", headers={"range": "bytes=0-5"})
    assert ranged.status_code == 206 and ranged.text == SCRIPT[:6]
    assert client.post("/static/views/a.js").status_code == 405


def test_the_app_serves_its_page_files_from_the_cache_with_the_safety_headers(client):
    r = client.get("/static/main.js", headers={"accept-encoding": "gzip"})
    assert r.status_code == 200 and "boot()" in r.text
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["x-content-type-options"] == "nosniff" and "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/vendor/uplot/uPlot.esm.js").status_code == 200
    assert client.get("/static/no-such-module.js").json()["detail"]
