"""`studio lrs start`: runs in the foreground, says how to point a package at it, Ctrl+C stops
it; a port in use is one line."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
from urllib.parse import parse_qs, urlsplit

import requests
from cli_runner import assert_no_traceback, studio, studio_process


def test_lrs_start_prints_a_launch_url_and_stops_on_ctrl_c(tmp_path):
    args = ["lrs", "start", "--folder", tmp_path / "lrs", "--port", "0", "--password", "pw1"]
    process = studio_process(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        while not lines or not lines[-1].startswith("Ctrl+C"):
            line = process.stdout.readline()
            assert line, process.stderr.read()
            lines.append(line.strip())
        said = dict(line.split(": ", 1) for line in lines[:4])
        endpoint = said["LRS endpoint"]
        assert endpoint.startswith("http://127.0.0.1:") and endpoint.endswith("/xAPI/")
        assert said["user"] == "studio" and said["password"] == "pw1"
        launch = next(line for line in lines if line.startswith("index.html?"))
        query = {k: v[0] for k, v in parse_qs(urlsplit(launch).query).items()}
        assert query["endpoint"] == endpoint and query["auth"].startswith("Basic ")
        assert json.loads(query["actor"])["mbox"].startswith("mailto:")
        answer = requests.get(endpoint + "statements", timeout=10,
                              headers={"Authorization": query["auth"],
                                       "X-Experience-API-Version": "1.0.3"})
        assert answer.status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert_no_traceback(out + err, args)
    assert process.returncode == 0 and "LRS stopped." in out
    try:
        requests.get(endpoint + "about", timeout=2)
        still_up = True
    except requests.ConnectionError:
        still_up = False
    assert not still_up


def test_lrs_start_on_a_port_in_use_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = studio("lrs", "start", "--folder", tmp_path, "--port", port, check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in done.stderr
