"""Slide images through LibreOffice: deck -> PDF (headless soffice) -> PNG per slide (PDFium).

LibreOffice runs with its own user profile under the temp folder (never the person's own
profile, which a running office would hold locked), one conversion at a time per profile
(a file lock: two soffice processes on one profile fail or hang), and within a time limit
after which its whole process group is terminated, then killed.

The PDF is rasterised in-process with pypdfium2: on a 60-slide deck at 1280x720 it took
1.7 s against 7.5 s for ``pdftoppm`` in one process, and needs no second program. The PDF
export leaves hidden slides out, so page n is the n-th visible slide.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from studio.errors import MediaError
from studio.files import replacing
from studio.jobs import CancelToken, Progress, no_progress, worker_count
from studio.media.process import dying_with_studio

try:
    import fcntl
except ImportError:  # Windows: the in-process lock below is all there is
    fcntl = None

DEFAULT_TIMEOUT = 300.0
_profile_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def find_soffice() -> str | None:
    """The LibreOffice program, or None when LibreOffice is not installed."""
    configured = os.environ.get("STUDIO_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def profile_dir() -> Path:
    """The LibreOffice user profile conversions run with, one per user under the temp
    folder (``course-studio-office-<uid>/profile``); not created here."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"course-studio-office-{uid}" / "profile"


@contextlib.contextmanager
def _exclusive(profile: Path):
    profile.parent.mkdir(parents=True, exist_ok=True)
    with _locks_guard:
        lock = _profile_locks.setdefault(profile, threading.Lock())
    with lock, open(profile.parent / "profile.lock", "w") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def convert_command(soffice: str, profile: Path, deck: Path, out_dir: Path) -> list[str]:
    """The headless soffice command line that writes ``deck`` as a PDF (Impress PDF export)
    into ``out_dir``, with ``profile`` as its user installation."""
    return [
        soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
        "--norestore", "--nologo", "--nolockcheck", "--nodefault",
        "--convert-to", "pdf:impress_pdf_Export", "--outdir", str(out_dir), str(deck),
    ]


def convert_to_pdf(deck: Path, work_dir: Path, timeout: float = DEFAULT_TIMEOUT,
                   token: CancelToken | None = None, soffice: str | None = None) -> Path:
    """Convert a deck to ``work_dir/deck.pdf``; raises MediaError when LibreOffice fails."""
    soffice = soffice or find_soffice()
    if soffice is None:
        raise MediaError("LibreOffice is not installed; slides need the built-in renderer.")
    token = token or CancelToken()
    source = work_dir / "deck.pptx"  # a plain name: soffice mangles some file names
    shutil.copyfile(deck, source)
    log_path = work_dir / "soffice.log"
    profile = profile_dir()
    with _exclusive(profile), open(log_path, "wb") as log:
        process = subprocess.Popen(
            dying_with_studio(convert_command(soffice, profile, source, work_dir)),
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + timeout
        try:
            while process.poll() is None:
                token.check()
                if time.monotonic() > deadline:
                    raise MediaError(
                        f"LibreOffice took longer than {timeout:.0f} s to convert "
                        f"{deck.name}; it was stopped.")
                time.sleep(0.05)
        finally:
            _stop(process)
    pdf = work_dir / "deck.pdf"
    if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        said = log_path.read_text(errors="replace").strip().splitlines()[-3:]
        raise MediaError(
            f"LibreOffice could not convert {deck.name} (exit {process.returncode}): "
            f"{' / '.join(said) or 'no output'}.")
    return pdf


def _stop(process: subprocess.Popen) -> None:
    """Terminate, then kill, the whole process group (soffice starts a child of its own)."""
    if process.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 3.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue


def rasterise_pdf(pdf: Path, targets: Sequence[Path], size: tuple[int, int],
                  progress: Progress = no_progress, token: CancelToken | None = None) -> None:
    """Render page i of the PDF to targets[i] as a PNG of exactly ``size`` pixels."""
    import pypdfium2  # noqa: PLC0415 (imported on first use)
    from PIL import Image  # noqa: PLC0415

    token = token or CancelToken()
    document = pypdfium2.PdfDocument(str(pdf))
    # PDFium draws one page at a time; PNG encoding releases the GIL, so it runs beside it
    with ThreadPoolExecutor(max_workers=worker_count()) as encoders:
        try:
            if len(document) != len(targets):
                raise MediaError(
                    f"LibreOffice produced {len(document)} pages for {len(targets)} visible "
                    "slides; the deck cannot be matched to its images.")
            saving = []
            for index, target in enumerate(targets):
                token.check()
                page = document[index]
                page_width, _ = page.get_size()
                image = page.render(scale=size[0] / page_width).to_pil().convert("RGB")
                page.close()
                if image.size != size:  # the page height rounds to a pixel more or less
                    framed = Image.new("RGB", size, "white")
                    framed.paste(image, (0, 0))
                    image = framed
                saving.append(encoders.submit(save_png, image, target))
                progress((index + 1) / len(targets), f"Slide {index + 1}")
            for job in saving:
                job.result()
        finally:
            document.close()


def save_png(image, target: Path) -> None:
    """Write a PIL image to ``target`` as PNG through a .part file, so the cache never holds
    half an image; OSError if it cannot."""
    with replacing(target, unique=True) as part:
        image.save(part, format="PNG", compress_level=1)
