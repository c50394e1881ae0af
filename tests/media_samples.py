"""Small real media made with ffmpeg for the media tests: colour bars and a tone, seconds long."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

from studio.media.ffmpeg import find_ffmpeg


def bars(width: int, height: int, seconds: float, rate: int | str = 25) -> list[str]:
    return ["-f", "lavfi", "-i",
            f"smptebars=size={width}x{height}:rate={rate}:duration={seconds}"]


def tone(seconds: float, frequency: int = 1000) -> list[str]:
    return ["-f", "lavfi", "-i",
            f"sine=frequency={frequency}:sample_rate=48000:duration={seconds}"]


def moving(seconds: float) -> list[str]:
    """Pictures that change every frame and a rising tone whose waveform never repeats, so
    a frame or a sample out of place shows (noise would not: AAC codes it as noise)."""
    return ["-f", "lavfi", "-i", f"testsrc2=size=320x180:rate=24:duration={seconds}",
            "-f", "lavfi", "-i", f"aevalsrc=0.3*sin(2*PI*(300+150*t)*t):s=48000:d={seconds}"]


H264 = ["-c:v", "libx264", "-preset", "ultrafast"]
X264 = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"]
AAC = ["-c:a", "aac", "-b:a", "96k"]

# name -> ffmpeg arguments after the binary (the output path is appended)
RECIPES: dict[str, list[str]] = {
    "plain.mp4": [*bars(320, 240, 3), *tone(3), *H264, "-pix_fmt", "yuv420p", "-g", "25",
                  *AAC, "-movflags", "+faststart"],
    "odd.mp4": [*bars(321, 241, 1), *tone(1), *H264, "-pix_fmt", "yuv444p", *AAC],
    "tenbit.mkv": [*bars(320, 240, 1), *tone(1), *H264, "-pix_fmt", "yuv420p10le",
                   "-c:a", "libopus"],
    "hevc.mov": [*bars(320, 240, 1), *tone(1), "-c:v", "libx265", "-preset", "ultrafast",
                 "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le", "-tag:v", "hvc1",
                 *AAC],
    "silent.mp4": [*bars(320, 240, 1), *H264, "-pix_fmt", "yuv420p", "-movflags", "+faststart"],
    "silent444.mp4": [*bars(320, 240, 1), *H264, "-pix_fmt", "yuv444p"],
    "ntsc.mp4": [*bars(320, 240, 4, rate="30000/1001"), *tone(4), *H264, "-pix_fmt", "yuv420p",
                 "-g", "30", *AAC, "-movflags", "+faststart"],  # keyframes every 1.001 s
    "main.mp4": [*bars(320, 240, 3), *tone(3), "-c:v", "libx264", "-profile:v", "main", "-pix_fmt",
                 "yuv420p", "-g", "25", *AAC],
    "vfr.mp4": [*bars(320, 240, 2, rate=30), *tone(2), *H264, "-pix_fmt", "yuv420p",
                "-vf", "select='not(between(n,10,24))*not(between(n,40,44))'",
                "-fps_mode", "vfr", *AAC],
    "uhd.mp4": [*bars(3840, 2160, 0.5), *tone(0.5), *H264, "-pix_fmt", "yuv420p", *AAC],
    "clip.webm": [*bars(320, 240, 1), *tone(1), "-c:v", "libvpx", "-deadline", "realtime",
                  "-c:a", "libopus"],
    "clip.avi": [*bars(320, 240, 1), *tone(1), "-c:v", "mpeg4", "-c:a", "libmp3lame"],
    "voice.m4a": [*tone(1), *AAC],
    "voice.mp3": [*tone(1), "-c:a", "libmp3lame"],
    "voice.wav": [*tone(1), "-c:a", "pcm_s16le"],
    "still.png": [*bars(320, 240, 0.04), "-frames:v", "1"],
    "still.jpg": [*bars(320, 240, 0.04), "-frames:v", "1"],
    "long.mp4": [*bars(1280, 720, 12), *tone(12), *H264, "-pix_fmt", "yuv420p", *AAC],
    # every frame differs (a frame off shows), keyframes each 2 s at 24 fps, B-frames
    "moving.mp4": [*moving(6), *X264, "-g", "48", "-bf", "3", *AAC,
                   "-movflags", "+faststart"],
    "moving_p.mp4": [*moving(6), *X264, "-g", "30", "-bf", "0", *AAC,
                     "-movflags", "+faststart"],  # no B-frames, keyframes each 1.25 s
    "interlaced.mp4": [*moving(4), *X264, "-g", "48", "-flags", "+ildct+ilme",
                       "-x264-params", "interlaced=1", *AAC, "-movflags", "+faststart"],
    "open_gop.mp4": [*moving(6), *X264, "-g", "24", "-bf", "3", "-x264-params",
                     "open-gop=1", *AAC, "-movflags", "+faststart"],
}


class MediaSamples:
    """Makes each sample on first use, once per test session."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __getitem__(self, name: str) -> Path:
        path = self.folder / name
        if path.exists():
            return path
        ffmpeg = find_ffmpeg().path
        if name == "rotated.mp4":  # a phone clip: stored landscape, shown portrait
            run(ffmpeg, ["-i", str(self["plain.mp4"]), "-c", "copy"], path)
            set_display_matrix(path, QUARTER_TURN)
        elif name == "slow.mp4":  # not faststart: index after the media data
            run(ffmpeg, ["-i", str(self["plain.mp4"]), "-c", "copy"], path)
        else:
            run(ffmpeg, RECIPES[name], path)
        return path


# ISO/IEC 14496-12 §8.3.2 tkhd matrix {a b u; c d v; x y w} in 16.16 (u, v, w 2.30): the
# matrix ffmpeg writes for a 90-degree display rotation. Written here rather than with
# ffmpeg's -display_rotation (ffmpeg 6+) or rotate metadata (ffmpeg 5 only) so that the
# same file comes from every supported ffmpeg.
QUARTER_TURN = (0, -65536, 0, 65536, 0, 0, 0, 0, 1 << 30)


def set_display_matrix(path: Path, matrix: tuple[int, ...]) -> None:
    """Overwrite, in place, the tkhd matrix of the video track of an MP4 file."""
    data = bytearray(path.read_bytes())

    def children(start: int, end: int):  # (type, payload start, end) of each box
        while start + 8 <= end:
            size, kind = struct.unpack(">I4s", data[start:start + 8])
            yield kind, start + 8, start + size
            start += size

    def child(kind: bytes, start: int, end: int) -> tuple[int, int]:
        return next((s, e) for k, s, e in children(start, end) if k == kind)

    for kind, start, end in children(*child(b"moov", 0, len(data))):
        if kind != b"trak":
            continue
        hdlr = child(b"hdlr", *child(b"mdia", start, end))[0]
        if data[hdlr + 8:hdlr + 12] == b"vide":
            tkhd = child(b"tkhd", start, end)[0]
            at = tkhd + 4 + (32 if data[tkhd] == 1 else 20) + 16
            data[at:at + 36] = struct.pack(">9i", *matrix)
            path.write_bytes(bytes(data))
            return
    raise AssertionError(f"{path} has no video track")


def run(ffmpeg: str, args: list[str], output: Path) -> None:
    subprocess.run([ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", *args,
                    str(output)], check=True, timeout=120)
