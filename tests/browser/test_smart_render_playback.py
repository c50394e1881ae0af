"""A smart render (edges re-encoded, the middle copied, two sets of parameter sets in one
track) plays to its end in Chromium's <video>, with the cut's duration and no error."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from studio.jobs import CancelToken, no_progress
from studio.media import ffmpeg_args as fa
from studio.media.smart_mux import render_cut
from tests.media_samples import MediaSamples

RATE = Fraction(24)

PAGE = """<!doctype html><html><body>
<video id="v" muted playsinline preload="auto" src="{name}"></video>
<script>
const v = document.getElementById("v");
window.result = new Promise(done => {{
  v.addEventListener("ended", () => done({{ended: true, duration: v.duration,
    error: v.error && v.error.code, frames: v.getVideoPlaybackQuality().totalVideoFrames,
    time: v.currentTime}}));
  v.addEventListener("error", () => done({{ended: false, error: v.error.code}}));
}});
v.playbackRate = 4;
v.play();
</script></body></html>"""


@pytest.mark.parametrize("name, in_point, out_point", [
    ("moving.mp4", 0.5, 4.3),  # B-frames: encoded head and tail around a copied GOP
    ("moving_p.mp4", 0.37, 5.1),  # no B-frames
])
def test_smart_render_plays_to_its_end_in_chromium(tmp_path, server, page, name, in_point,
                                                     out_point):
    (tmp_path / "media").mkdir()
    source = MediaSamples(tmp_path / "media")[name]
    folder = tmp_path / "site"
    folder.mkdir()
    made = render_cut(source, folder / "cut.mp4", in_point, out_point, RATE, 0.5 / 24,
                      no_progress, CancelToken(), "cut")
    assert made["encoded_seconds"] > 0 and made["copied_seconds"] > 0
    (folder / "index.html").write_text(PAGE.format(name="cut.mp4"), encoding="utf-8")
    page.goto(server.mount(Path(folder)) + "index.html")
    result = page.evaluate("window.result")
    frames = fa.frame_count(out_point - in_point, RATE)
    assert result["ended"] and result["error"] is None
    assert result["frames"] == frames  # every picture decoded (or dropped), none missing
    assert result["duration"] == pytest.approx(float(frames / RATE), abs=AAC_SLACK)
    assert result["time"] == pytest.approx(result["duration"], abs=1e-3)


AAC_SLACK = 1024 / 48000 + 1e-3  # the sound may outlast the pictures by one AAC frame
