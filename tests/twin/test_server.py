"""The twin's web server: byte ranges for media, documents made in memory, routes other parts
add, and nothing outside what it was asked to serve."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from studio.twin.server import TwinResponse, TwinServer


def fetch(url: str, method: str = "GET", data: bytes | None = None, **headers):
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "clip.mp4").write_bytes(bytes(range(100)))
    (tmp_path / "pkg" / "course-data.js").write_text("window.COURSE_DATA = {};\n")
    (tmp_path / "secret.txt").write_text("not served")
    with TwinServer() as srv:
        srv.mount("pkg", tmp_path / "pkg")
        yield srv


def test_media_is_served_in_byte_ranges(server):
    status, headers, body = fetch(f"{server.base}/pkg/clip.mp4", Range="bytes=10-19")
    assert status == 206 and body == bytes(range(10, 20))
    assert headers["Content-Range"] == "bytes 10-19/100" and headers["Content-Type"] == "video/mp4"
    assert fetch(f"{server.base}/pkg/clip.mp4", Range="bytes=-5")[2] == bytes(range(95, 100))
    assert fetch(f"{server.base}/pkg/clip.mp4", Range="bytes=90-")[2] == bytes(range(90, 100))
    assert fetch(f"{server.base}/pkg/clip.mp4", Range="bytes=200-")[0] == 416
    status, headers, body = fetch(f"{server.base}/pkg/clip.mp4")
    assert status == 200 and len(body) == 100 and headers["Accept-Ranges"] == "bytes"
    assert headers["Cache-Control"] == "no-store"


def test_a_document_put_in_memory_wins_over_the_file(server):
    url = server.put("/pkg/course-data.js", b"window.COURSE_DATA = {\"x\": 1};\n",
                     "text/javascript")
    status, headers, body = fetch(url)
    assert status == 200 and b'"x": 1' in body and headers["Content-Type"] == "text/javascript"


def test_routes_answer_every_method_longest_prefix_first(server):
    seen = []

    def lrs(request):
        seen.append((request.method, request.path, request.query, request.body,
                     request.headers["X-Experience-API-Version"]))
        return TwinResponse(204, headers={"X-Experience-API-Version": "1.0.3"})

    server.add_route("/lrs/", lambda request: TwinResponse(500))
    assert server.add_route("/lrs/statements", lrs) == f"{server.base}/lrs/statements"
    status, headers, _ = fetch(f"{server.base}/lrs/statements?statementId=1", "PUT", b"{}",
                               **{"X-Experience-API-Version": "1.0.3",
                                  "Content-Type": "application/json"})
    assert status == 204 and headers["X-Experience-API-Version"] == "1.0.3"
    assert seen == [("PUT", "/lrs/statements", {"statementId": ["1"]}, b"{}", "1.0.3")]
    assert fetch(f"{server.base}/lrs/about")[0] == 500


def test_nothing_outside_the_mounted_folders_is_served(server):
    assert fetch(f"{server.base}/pkg/../secret.txt")[0] == 404
    assert fetch(f"{server.base}/pkg/%2e%2e/secret.txt")[0] == 404
    assert fetch(f"{server.base}/other/clip.mp4")[0] == 404
    assert fetch(f"{server.base}/pkg/clip.mp4", "POST", b"x")[0] == 405
