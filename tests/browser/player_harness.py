"""Runs player packages in headless Chromium against the scorm-again run-time.

Everything here is real: the package folder is the one a learner would get, it is served over
HTTP like an LMS serves it, and the SCORM API is scorm-again's implementation.
"""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from studio.twin.server import RangeRequestHandler

REPO = Path(__file__).resolve().parents[2]
PLAYER_DIR = REPO / "resources" / "player"
HARNESS_DIR = Path(__file__).resolve().parent / "harness"
NODE_MODULES = REPO / "node_modules"
API_WAIT_MS = 15_000

# ---- media --------------------------------------------------------------------------------


def make_media(folder: Path) -> dict[str, Path]:
    """A 3 s H.264/AAC clip, its captions, a slide image and a narration clip."""
    import imageio_ffmpeg

    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    folder.mkdir(parents=True, exist_ok=True)
    out = {
        "video": folder / "clip.mp4",
        "image": folder / "slide.png",
        "audio": folder / "narration.m4a",
        "captions": folder / "clip.en.vtt",
    }
    quiet = [ffmpeg, "-y", "-loglevel", "error"]
    subprocess.run(
        quiet
        + [
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x240:rate=15",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440",
            "-t",
            "3",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-movflags",
            "+faststart",
            str(out["video"]),
        ],
        check=True,
    )
    subprocess.run(
        quiet
        + ["-f", "lavfi", "-i", "color=c=0x0b57a4:s=320x180", "-frames:v", "1", str(out["image"])],
        check=True,
    )
    subprocess.run(
        quiet
        + ["-f", "lavfi", "-i", "sine=frequency=330", "-t", "1", "-c:a", "aac", str(out["audio"])],
        check=True,
    )
    out["captions"].write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nA test pattern.\n\n"
        "00:00:01.500 --> 00:00:03.000\nA tone at 440 hertz.\n",
        encoding="utf-8",
    )
    return out


# ---- packages -----------------------------------------------------------------------------


def build_package(target: Path, course: dict, media: dict[str, Path] | None = None) -> Path:
    """The folder an export produces: the player, course-data.js and media/."""
    shutil.copytree(PLAYER_DIR, target)
    (target / "media").mkdir(exist_ok=True)
    for path in (media or {}).values():
        shutil.copy2(path, target / "media" / path.name)
    payload = json.dumps(course, ensure_ascii=True, indent=1)
    (target / "course-data.js").write_text(f"window.COURSE_DATA = {payload};\n", encoding="utf-8")
    return target


# ---- HTTP ---------------------------------------------------------------------------------


class _Handler(RangeRequestHandler):
    roots: dict[str, Path] = {}

    def translate_path(self, path: str) -> str:
        parts = unquote(urlsplit(path).path).lstrip("/").split("/", 1)
        root = self.roots.get(parts[0])
        if root is None or len(parts) < 2:
            return str(HARNESS_DIR / "missing")
        candidate = (root / parts[1]).resolve()
        if root.resolve() not in candidate.parents and candidate != root.resolve():
            return str(HARNESS_DIR / "missing")
        return str(candidate)


class StaticServer:
    """One threaded HTTP server on 127.0.0.1 for the whole test session."""

    def __init__(self) -> None:
        self._roots: dict[str, Path] = {
            "lms": HARNESS_DIR,
            "vendor": NODE_MODULES,
            "player": PLAYER_DIR,
        }
        handler = type("Handler", (_Handler,), {"roots": self._roots})
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self._count = 0

    def mount(self, folder: Path) -> str:
        """Serves folder; returns its base URL (with a trailing slash)."""
        self._count += 1
        name = f"pkg{self._count}"
        self._roots[name] = Path(folder)
        return f"{self.base}/{name}/"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


# ---- LMS sessions -------------------------------------------------------------------------


@dataclass
class LmsSession:
    """One launch of a SCO inside the test LMS page."""

    page: object
    standard: str
    launch_url: str
    closed: bool = field(default=False)

    @property
    def sco(self):
        """Locator root inside the SCO frame (use get_by_role on it)."""
        return self.page.frame_locator("#sco")

    @property
    def frame(self):
        return self.page.frame(name="sco")

    def calls(self) -> list[dict]:
        return self.page.evaluate("window.lms.calls")

    def api_errors(self) -> list[dict]:
        return [c for c in self.calls() if c["error"] not in ("0", "")]

    def values_set(self, element: str) -> list[str]:
        setter = "LMSSetValue" if self.standard == "scorm12" else "SetValue"
        return [c["args"][1] for c in self.calls() if c["fn"] == setter and c["args"][0] == element]

    def cmi(self) -> dict:
        return self.page.evaluate("window.lmsCmi()")["cmi"]

    def close(self) -> None:
        """The learner leaves: the SCO's page is unloaded, as when the LMS window closes."""
        if not self.closed:
            self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
            self.wait_finished()

    def wait_finished(self) -> None:
        self.page.wait_for_function("window.lms.finished === true", timeout=API_WAIT_MS)
        self.closed = True

    def resume_data(self) -> dict:
        """What an LMS hands the next launch: the stored cmi values, entry=resume after suspend."""
        cmi = self.cmi()
        if self.standard == "scorm12":
            core = cmi["core"]
            return {
                "core": {
                    "lesson_location": core["lesson_location"],
                    "lesson_status": core["lesson_status"],
                    "entry": "resume" if core["exit"] == "suspend" else "",
                    "score": dict(core["score"]),
                },
                "suspend_data": cmi["suspend_data"],
            }
        return {
            "location": cmi["location"],
            "suspend_data": cmi["suspend_data"],
            "completion_status": cmi["completion_status"],
            "success_status": cmi["success_status"],
            "entry": "resume" if cmi["exit"] == "suspend" else "",
            "score": dict(cmi["score"]),
        }


def launch_in_lms(
    page,
    server: StaticServer,
    package_dir: Path,
    launch: str,
    standard: str,
    stored: dict | None = None,
    without_interactions: bool = False,
) -> LmsSession:
    base = server.mount(package_dir)
    separator = "&" if "?" in launch else "?"
    url = (
        f"{base}{launch}{separator}tracking={standard}"
        if "tracking=" not in launch
        else base + launch
    )
    page.goto(f"{server.base}/lms/lms.html")
    page.evaluate(
        "cfg => window.startLms(cfg)",
        {
            "standard": standard,
            "launch": url,
            "stored": stored,
            "withoutInteractions": without_interactions,
        },
    )
    session = LmsSession(page=page, standard=standard, launch_url=url)
    page.wait_for_function(
        "() => { const f = document.getElementById('sco'); const w = f && f.contentWindow;"
        " return !!(w && w.CoursePlayer && w.CoursePlayer.app); }",
        timeout=API_WAIT_MS,
    )
    return session
