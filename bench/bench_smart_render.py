"""Smart render benchmark: a frame-accurate cut of a 10-minute 1080p H.264 source.

    python bench/bench_smart_render.py [--cache DIR] [--seconds 600]

The source (testsrc2 + a tone, x264 ultrafast at 5 Mb/s with B-frames, a keyframe each 3 s)
is made once and kept in the cache folder (default: the system's temporary folder). The cut
starts and ends between keyframes and covers all but a few seconds of it. Printed: the smart
render's time beside a full re-encode of the same cut with the studio's 1080p preset and a
plain stream copy (``ffmpeg -ss -t -c copy``, not frame-exact), their ratios against the
targets (smart <= 5 % of the re-encode and <= 3x the copy), the frames the smart render
holds against the cut's count, and the PSNR of its first and last frame against the
source's frames decoded at those points. The load average is printed beside the figures,
and the CPU seconds beside the wall ones: the machine is small and shared, and the smart
render's share of it is mostly CPU while the copy's is mostly reading and writing.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import av  # noqa: E402
import numpy as np  # noqa: E402

from studio.jobs import CancelToken, no_progress  # noqa: E402
from studio.media import ffmpeg_args as fa  # noqa: E402
from studio.media.ffmpeg import find_ffmpeg  # noqa: E402
from studio.media.probe import probe  # noqa: E402
from studio.media.smart_mux import render_cut  # noqa: E402

RATE = 24
GOP = 72  # frames: a keyframe each 3 s
TARGET_OF_ENCODE = 0.05
TARGET_OF_COPY = 3.0
TARGET_PSNR = 40.0


def make_source(ffmpeg: str, folder: Path, seconds: int) -> Path:
    """The 1080p source, made once (a .part file renamed when whole)."""
    out = folder / f"smart-source-{seconds}s-1080p.mp4"
    if out.exists():
        return out
    folder.mkdir(parents=True, exist_ok=True)
    part = out.with_suffix(".part.mp4")
    print(f"making the {seconds} s 1080p source in {folder} (once)...", flush=True)
    subprocess.run([ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi",
                    "-i", f"testsrc2=size=1920x1080:rate={RATE}:duration={seconds}",
                    "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:"
                    f"duration={seconds}", "-c:v", "libx264", "-preset", "ultrafast",
                    "-bf", "3", "-g", str(GOP), "-b:v", "5M", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", str(part)],
                   check=True)
    part.rename(out)
    return out


def timed(run) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and the programs it ran) of ``run()``."""
    def cpu() -> float:
        own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                              resource.RUSAGE_CHILDREN))
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    began, used = time.perf_counter(), cpu()
    run()
    return time.perf_counter() - began, cpu() - used


def frame_at(path: Path, seconds: float) -> np.ndarray:
    """The luma of the frame shown at ``seconds``, decoded from the keyframe before it."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        container.seek(int(seconds / stream.time_base), stream=stream, backward=True)
        shown = None
        for frame in container.decode(stream):
            if frame.time > seconds + 0.25 / RATE:
                break
            shown = frame
        return shown.to_ndarray(format="gray").astype(float)


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    error = float(((a - b) ** 2).mean())
    return 100.0 if error == 0 else 10 * np.log10(255 ** 2 / error)


def packets(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for p in container.demux(video=0) if p.size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "studio-bench-cache")
    parser.add_argument("--seconds", type=int, default=600, help="length of the source")
    options = parser.parse_args()
    ffmpeg = find_ffmpeg().path
    source = make_source(ffmpeg, options.cache, options.seconds)
    work = Path(tempfile.mkdtemp(prefix="bench-smart-"))
    # off keyframes at both ends (keyframes each 3 s), most of the source
    in_point, out_point = 7.3, options.seconds - 9.45
    rate = Fraction(RATE)
    frames = fa.frame_count(out_point - in_point, rate)
    smart_out, copy_out, encode_out = (work / n for n in ("smart.mp4", "copy.mp4",
                                                          "encode.mp4"))
    made = {}

    def smart() -> None:
        made.update(render_cut(source, smart_out, in_point, out_point, rate, 0.5 / RATE,
                               no_progress, CancelToken(), "bench"))

    def copy() -> None:
        subprocess.run([ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", "-ss",
                        str(in_point), "-t", str(out_point - in_point), "-i", str(source),
                        "-c", "copy", str(copy_out)], check=True)

    found = probe(source)
    encode_args = fa.encode_args(ffmpeg, source, found, in_point, out_point - in_point,
                                 fa.PRESETS["1080p"], encode_out)

    def encode() -> None:
        subprocess.run(encode_args, check=True, stdout=subprocess.DEVNULL)

    copy()  # once first, so all three read the source from the page cache
    runs = {"copy": [], "smart": []}
    for _ in range(3):  # interleaved, so background load hits both alike; best of three
        for name, run in (("copy", copy), ("smart", smart)):
            runs[name].append(timed(run))
    times = {name: min(r[0] for r in found) for name, found in runs.items()}
    cpu = {name: min(r[1] for r in found) for name, found in runs.items()}
    load_before = os.getloadavg()
    print(f"source: {source.name}, {source.stat().st_size / 1e6:.0f} MB; cut "
          f"{in_point}-{out_point} s = {frames} frames; load average "
          f"{load_before[0]:.2f} before the re-encode", flush=True)
    times["encode"], cpu["encode"] = timed(encode)
    load = os.getloadavg()
    held = packets(smart_out)
    first = psnr(frame_at(smart_out, 0.0), frame_at(source, in_point))
    last = psnr(frame_at(smart_out, (frames - 1) / RATE),
                frame_at(source, in_point + (frames - 1) / RATE))
    of_encode = times["smart"] / times["encode"]
    of_copy = times["smart"] / times["copy"]

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(f"{'':15}{'wall s':>9}{'CPU s':>9}")
    print(f"smart render   {times['smart']:9.2f}{cpu['smart']:9.2f}  (encoded "
          f"{made['encoded_seconds']:.2f} s, copied {made['copied_seconds']:.2f} s)")
    print(f"full re-encode {times['encode']:9.2f}{cpu['encode']:9.2f}  (1080p preset)")
    print(f"stream copy    {times['copy']:9.2f}{cpu['copy']:9.2f}  (ffmpeg -ss -t -c copy, "
          "not frame-exact)")
    print(f"CPU ratios: smart / re-encode {cpu['smart'] / cpu['encode']:.3f}, smart / copy "
          f"{cpu['smart'] / cpu['copy']:.2f}")
    print(f"smart / re-encode {of_encode:6.3f}  target <= {TARGET_OF_ENCODE}  "
          f"{verdict(of_encode <= TARGET_OF_ENCODE)}")
    print(f"smart / copy      {of_copy:6.2f}  target <= {TARGET_OF_COPY}  "
          f"{verdict(of_copy <= TARGET_OF_COPY)}")
    print(f"frames {held} of {frames}  {verdict(held == frames)}")
    print(f"PSNR first {first:.1f} dB, last {last:.1f} dB  target >= {TARGET_PSNR}  "
          f"{verdict(min(first, last) >= TARGET_PSNR)}")
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    for path in (smart_out, copy_out, encode_out):
        path.unlink(missing_ok=True)
    work.rmdir()


if __name__ == "__main__":
    main()
