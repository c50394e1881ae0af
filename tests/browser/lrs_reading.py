"""Driving the page's video to known seconds, and reading back what a real LRS holds."""

from __future__ import annotations

import requests

# Plays the page's video at 4x until ``stop`` seconds of the media, pauses; returns where.
PLAY_TO = """async (stop) => {
  const video = document.querySelector("video");
  video.playbackRate = 4;
  await video.play();
  await new Promise((done) => {
    const look = () => {
      if (video.currentTime < stop) { requestAnimationFrame(look); return; }
      video.pause();
      done();
    };
    look();
  });
  return video.currentTime;
}"""

# Seeks the page's video to ``to`` seconds of the media and waits until it lands.
SEEK_TO = """async (to) => {
  const video = document.querySelector("video");
  const landed = new Promise((done) => video.addEventListener("seeked", done, { once: true }));
  video.currentTime = to;
  await landed;
}"""


def lrs_statements(lrs, registration: str | None = None) -> list[dict]:
    """Every statement the LRS holds (of one registration), following ``more``
    (xAPI 1.0.3 Communication §2.1.3)."""
    origin = lrs.endpoint.split("/xAPI/")[0]
    headers = {"Authorization": lrs.auth_header, "X-Experience-API-Version": "1.0.3"}
    url = lrs.endpoint + "statements" + (f"?registration={registration}" if registration else "")
    found = []
    while url:
        body = requests.get(url, headers=headers, timeout=10).json()
        found += body["statements"]
        url = origin + body["more"] if body.get("more") else ""
    return found
