"""The web render as data: presets, and the ffmpeg argument lists that carry them out.

Everything here is a pure function of its arguments (probe facts, cut, preset, paths), so
plans are tested without running anything and a render's cache key covers all it depends on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import ffmpeg

from studio.errors import MediaError
from studio.media.probe import ProbeResult

LOUDNESS_TARGET = {"I": -16.0, "TP": -1.5, "LRA": 11.0}  # EBU R128 for lesson video on the web
MAX_FRAME_RATE = 60
COPYABLE_CONTAINERS = {"mov,mp4,m4a,3gp,3g2,mj2"}
# Main and Baseline are subsets every High decoder plays (browsers, phones, LMS previews), so
# re-encoding them to say "High" would only cost time and quality.
COPYABLE_PROFILES = {"High", "Main", "Constrained Baseline", "Baseline"}
MOOV_SLACK = 16 * 1024  # room beyond the source's own index, for the cut's rewritten tables
AUDIO_RATES = (44100, 48000)
# seconds a copy stops short of its last frame's end, so timestamps rounded to microseconds
# never let the next frame in; far less than a frame (MAX_FRAME_RATE) or a sound packet
COPY_MARGIN = 0.001
NTSC_TOLERANCE = 0.002  # frames per second: what rounding the probed rate can move it


@dataclass(frozen=True)
class Preset:
    """A web render's settings: the box the picture fits in (pixels), x264's constant rate
    factor (0..51, lower is better) and speed preset, and the AAC bitrate (``"128k"``: bits
    per second in ffmpeg's notation)."""

    name: str
    long_side: int  # the output fits in long_side x short_side, turned to the video's orientation
    short_side: int
    crf: int
    x264_preset: str
    audio_bitrate: str

    def key(self) -> dict:
        """The preset as JSON-ready data, for a render's cache key."""
        return {"name": self.name, "box": [self.long_side, self.short_side], "crf": self.crf,
                "x264": self.x264_preset, "audio": self.audio_bitrate}


PRESETS = {
    "720p": Preset("720p", 1280, 720, 23, "veryfast", "128k"),
    "1080p": Preset("1080p", 1920, 1080, 23, "veryfast", "160k"),
    "480p": Preset("480p", 854, 480, 23, "veryfast", "96k"),
    "quality": Preset("quality", 1280, 720, 21, "slow", "160k"),
}
DEFAULT_PRESET = "720p"
ORIGINAL = "original"  # not a render: the package carries the imported files as they are
PRESET_NAMES = (*PRESETS, ORIGINAL)  # every video preset an export accepts, in menu order

MP4 = "mp4"  # H.264 High + AAC: what every package carries
WEBM = "webm"  # VP9 + Opus: for web engines built without H.264 (Qt WebEngine's pip build)
VIDEO_FORMATS = (MP4, WEBM)
# VP9 at libvpx's realtime speed: a 6 s 640x360 clip in 1.6 s and a 10 s 1080p clip (to 720p)
# in 14 s on a loaded 2-core machine, where VP8 at -deadline realtime -cpu-used 8 took 7.5 s
# and 54 s; constant quality (b:v 0) with crf on libvpx's 0..63 scale.
WEBM_VIDEO = {"c:v": "libvpx-vp9", "deadline": "realtime", "cpu-used": 8, "row-mt": 1,
              "crf": 33, "b:v": 0}
WEBM_AUDIO = "libopus"
# x264's and libvpx's output depends on their thread count (auto: the machine's cores), so a
# fixed count keeps a render byte-identical on any machine or cluster worker; batches run
# one encode per core instead
ENCODER_THREADS = 1
WEBM_ENCODERS = frozenset({WEBM_VIDEO["c:v"], WEBM_AUDIO})  # what an ffmpeg needs for WEBM
OPUS_RATE = 48000  # libopus takes 8, 12, 16, 24 or 48 kHz only


def preset_named(name: str) -> Preset:
    """The render preset called ``name``; MediaError if there is none (``original`` included:
    it is not a render)."""
    try:
        return PRESETS[name]
    except KeyError:
        raise MediaError(
            f"Unknown render preset {name}; use one of {', '.join(PRESETS)}.") from None


@dataclass(frozen=True)
class RenderPlan:
    """How one render is made: the mode, the full ffmpeg command line (program first);
    ``duration`` is the seconds it shows, ``frames`` the video frames it holds (None for sound
    only, or for "file": the source's own)."""

    mode: str  # "encode" | "copy" (remux) | "smart" (edges encoded, the rest copied) | "file"
    args: tuple[str, ...]  # empty for "file"
    duration: float
    frames: int | None = None


def output_size(width: int, height: int, preset: Preset) -> tuple[int, int]:
    """Fit (width, height) as displayed into the preset's box, never enlarging, even numbers."""
    box_w, box_h = ((preset.long_side, preset.short_side) if width >= height
                    else (preset.short_side, preset.long_side))
    scale = min(1.0, box_w / width, box_h / height)
    def even(length: int, limit: int) -> int:
        return min(limit // 2 * 2, max(2, round(length * scale / 2) * 2))

    return even(width, box_w), even(height, box_h)


def output_rate(video: dict) -> Fraction:
    """A constant output frame rate in frames per second: the source's own, or the nearest
    whole rate when it varies. ``video["frame_rate"]`` is probed to three decimals, so a
    rate that close to an NTSC one (N x 1000/1001, SMPTE ST 12-1) is taken to be it."""
    rate = video.get("frame_rate") or 30
    if video.get("vfr"):
        return Fraction(min(MAX_FRAME_RATE, max(1, round(rate))))
    ntsc = round(rate * 1.001)
    if rate != round(rate) and abs(rate * 1.001 - ntsc) < NTSC_TOLERANCE:
        return min(Fraction(MAX_FRAME_RATE), Fraction(ntsc * 1000, 1001))
    return min(Fraction(MAX_FRAME_RATE), Fraction(rate).limit_denominator(1001))


def half_frame(found: ProbeResult) -> float:
    """Seconds of half a frame of a video source (of 30 fps when its rate is unknown): how
    far an in or out point may be from a keyframe or the source's end and still count as
    on it."""
    return 0.5 / (found.video.get("frame_rate") or 30)


def frame_count(seconds: float, rate: Fraction) -> int:
    """The video frames a cut of ``seconds`` (out point minus in point) holds at ``rate``
    frames per second: ``round(seconds x rate)`` (halves to even, as Python rounds), at
    least one. Every way of making a clip (copy, in-process cut, encode) keeps this many."""
    return max(1, round(seconds * rate))


def copy_compatible(found: ProbeResult, preset: Preset, loudness: bool,
                    video_format: str = MP4) -> bool:
    """Whether the source's picture can go to the web as it is (the cut is checked apart).

    A source without sound qualifies: its picture is copied and a silent track is encoded.
    Only MP4 renders copy: a WebM one (``video_format``) is always encoded.
    """
    video, audio = found.video, found.audio
    if loudness or video_format != MP4 or found.kind != "video" or video is None:
        return False
    if found.info.get("container") not in COPYABLE_CONTAINERS:
        return False
    box = output_size(video["display_width"], video["display_height"], preset)
    return (
        video["codec"] == "h264" and video.get("profile") in COPYABLE_PROFILES
        and video.get("pixel_format") == "yuv420p" and not video.get("rotation")
        and not video.get("vfr") and (video.get("frame_rate") or 0) <= MAX_FRAME_RATE
        and box == (video["display_width"], video["display_height"])
        and (audio is None or (audio["codec"] == "aac" and audio.get("profile") == "LC"
                               and (audio.get("channels") or 0) <= 2))
    )


def plan_render(ffmpeg_path: str, source: Path, found: ProbeResult, in_point: float,
                out_point: float, preset: Preset, output: Path, *, keyframe: float | None,
                faststart: bool, loudness: dict | None = None,
                normalise: bool = False, index_size: int | None = None,
                reorders: bool = False, video_format: str = MP4) -> RenderPlan:
    """How to make the web render (``video_format``: MP4 or WEBM) of [in_point, out_point)
    of ``source``.

    ``keyframe`` is the source keyframe at or before the in point (None if unknown),
    ``faststart`` whether the source already has its index first, ``loudness`` the first
    pass's measurement when ``normalise`` is asked, ``index_size`` the bytes of the source's
    index (moov), which lets a copy reserve room for its own index at the front, and
    ``reorders`` whether its frames are stored out of display order (B-frames): a copy then
    stops on the decode order and overruns an out point by the reorder depth, so such cuts
    are copied only when they run to the end of the source.

    A video render holds exactly :func:`frame_count` frames of the cut, whichever mode
    makes it, and shows that many frames' worth of seconds (``RenderPlan.duration``).
    Raises MediaError for an image or an empty cut.
    """
    if found.kind == "image" or found.video is None and found.audio is None:
        raise MediaError(f"{source.name} is not a video or sound file; it cannot be rendered.")
    duration = out_point - in_point
    if duration <= 0:
        raise MediaError(f"Nothing to render: the cut of {source.name} is empty.")
    if copy_compatible(found, preset, normalise, video_format):
        slack = half_frame(found)
        aligned = in_point <= slack or (
            keyframe is not None and abs(keyframe - in_point) <= slack)
        to_end = out_point >= (found.duration or 0) - slack
        if in_point <= slack and to_end and faststart and found.audio is not None:
            return RenderPlan("file", (), duration)
        if aligned and (to_end or not reorders):
            rate = output_rate(found.video)
            frames = frame_count(duration, rate)
            start = keyframe if keyframe is not None and in_point > slack else 0.0
            room = index_size + MOOV_SLACK if index_size else None
            args = copy_args(ffmpeg_path, source, start, duration, output, index_room=room,
                             silence=None if found.audio is not None else preset.audio_bitrate,
                             rate=rate)
            return RenderPlan("copy", tuple(args), float(frames / rate), frames)
    args = encode_args(ffmpeg_path, source, found, in_point, duration, preset, output,
                       loudness if normalise else None, video_format)
    if found.kind != "video" or found.video is None:
        return RenderPlan("encode", tuple(args), duration)
    rate = output_rate(found.video)
    frames = frame_count(duration, rate)
    return RenderPlan("encode", tuple(args), float(frames / rate), frames)


def _seconds(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


GLOBAL_ARGS = ("-hide_banner", "-nostdin", "-nostats", "-progress", "pipe:1", "-y")


def _command(ffmpeg_path: str, stream, level: str = "error") -> list[str]:
    return [ffmpeg_path, *GLOBAL_ARGS, "-v", level, *stream.get_args()]


def copy_args(ffmpeg_path: str, source: Path, in_point: float, duration: float,
              output: Path, index_room: int | None = None,
              silence: str | None = None, rate: Fraction | None = None) -> list[str]:
    """Remux ``duration`` seconds from ``in_point`` without re-encoding; ``silence`` (a
    bitrate) adds a silent AAC track.

    ``in_point`` must be a keyframe's time: ffmpeg hides, through an edit list, every
    frame before it. With ``rate`` (the source's frames per second) the copy keeps exactly
    :func:`frame_count` frames and the sound for as long as they show: ffmpeg alone keeps
    every frame that starts before the out point, one too many when the out point falls
    between frames. Packets are cut in decode order, so a source that reorders frames
    must be cut to its end. With ``index_room`` the index is written into space reserved
    at the front, so the file is written once; ``+faststart`` instead rewrites the whole
    file to move the index there.
    """
    read = duration
    if rate is not None:
        duration = float(frame_count(duration, rate) / rate)
        read = duration - COPY_MARGIN
    src = ffmpeg.input(str(source), ss=_seconds(in_point), t=_seconds(read))
    index = {"moov_size": index_room} if index_room else {"movflags": "+faststart"}
    if silence is None:
        out = ffmpeg.output(src["v:0"], src["a:0"], str(output), format="mp4", c="copy",
                            **index)
    else:
        quiet = _silence(duration)
        out = ffmpeg.output(src["v:0"], quiet, str(output), format="mp4",
                            **{"c:v": "copy", "c:a": "aac", "b:a": silence, "ac": 2,
                               "ar": 48000}, **index)
    return _command(ffmpeg_path, out)


def _silence(duration: float):
    return ffmpeg.input("anullsrc=channel_layout=stereo:sample_rate=48000", f="lavfi",
                        t=_seconds(duration))["a"]


def encode_args(ffmpeg_path: str, source: Path, found: ProbeResult, in_point: float,
                duration: float, preset: Preset, output: Path,
                loudness: dict | None = None, video_format: str = MP4) -> list[str]:
    """Re-encode ``duration`` seconds from ``in_point`` to an MP4 with its index first:
    H.264 High yuv420p fitted to the preset's box, a keyframe every 2 s; AAC at 44.1 or
    48 kHz, at most 2 channels, levelled by the second loudnorm pass when ``loudness``
    (:func:`parse_loudness`'s measurement) is given; a silent stereo track when the source
    has no sound. Returns the command line, program first.

    With ``video_format`` WEBM the same picture and sound go into a WebM instead: VP9
    (:data:`WEBM_VIDEO`) and Opus at the preset's bitrate, 48 kHz.

    A video comes out at :func:`output_rate` on a frame grid that starts at the in point
    (the first frame is repeated when the source's first frame comes later) and holds
    exactly :func:`frame_count` frames; the sound is cut to the seconds those frames show.
    """
    webm = video_format == WEBM
    streams, options = [], ({"format": "webm"} if webm
                            else {"format": "mp4", "movflags": "+faststart"})
    video = found.video if found.kind == "video" else None
    read = duration
    if video is not None:
        rate = output_rate(video)
        frames = frame_count(duration, rate)
        # one frame more than is kept, so the grid's last frame always has a source frame
        duration, read = float(frames / rate), float((frames + 1) / rate)
        # an output duration, not a frame limit: ffmpeg ends every stream at a frame limit,
        # cutting the sound short; on the fps grid from 0 it keeps exactly these frames
        options["t"] = _seconds(duration)
    src = ffmpeg.input(str(source), ss=_seconds(in_point), t=_seconds(read))
    if video is not None:
        width, height = output_size(video["display_width"], video["display_height"], preset)
        # autorotate (on by default) turns the picture before these filters see it
        picture = (src["v:0"].filter("scale", width, height, flags="bicubic")
                   .filter("setsar", 1).filter("fps", fps=str(rate), start_time=0)
                   .filter("format", "yuv420p"))
        streams.append(picture)
        options.update(WEBM_VIDEO if webm else
                       {"c:v": "libx264", "preset": preset.x264_preset, "crf": preset.crf,
                        "profile:v": "high"})
        options.update({"pix_fmt": "yuv420p", "g": max(1, round(float(rate) * 2)),
                        "threads": ENCODER_THREADS})
    audio = found.audio
    if audio is not None:
        sound = src["a:0"]
        if loudness is not None:
            sound = sound.filter("loudnorm", **loudnorm_second_pass(loudness))
        channels = min(2, audio.get("channels") or 2)
        rate = audio.get("sample_rate") if audio.get("sample_rate") in AUDIO_RATES else 48000
        if loudness is not None:
            rate = 48000  # loudnorm works at 192 kHz and hands that rate on
    else:
        # players and LMS previews expect a sound track; a silent one costs almost nothing
        sound = _silence(duration)
        channels, rate = 2, 48000
    streams.append(sound)
    options.update({"c:a": WEBM_AUDIO if webm else "aac", "b:a": preset.audio_bitrate,
                    "ac": channels, "ar": OPUS_RATE if webm else rate})
    out = ffmpeg.output(*streams, str(output), **options)
    return _command(ffmpeg_path, out)


def loudness_scan_args(ffmpeg_path: str, source: Path, in_point: float,
                       duration: float) -> list[str]:
    """First pass of EBU R128 normalisation: measure the cut's loudness, write nothing."""
    src = ffmpeg.input(str(source), ss=_seconds(in_point), t=_seconds(duration))
    measured = src["a:0"].filter("loudnorm", print_format="json", **LOUDNESS_TARGET)
    out = ffmpeg.output(measured, "-", format="null")
    return _command(ffmpeg_path, out, level="info")


_JSON_BLOCK = re.compile(r"\{[^{}]*\"input_i\"[^{}]*\}", re.S)


def parse_loudness(log: str) -> dict | None:
    """The first pass's measurement from ffmpeg's log; None for silence (nothing to level)."""
    blocks = _JSON_BLOCK.findall(log)
    if not blocks:
        raise MediaError("ffmpeg did not report the loudness of the sound track.")
    data = json.loads(blocks[-1])
    values = {key: data[key] for key in
              ("input_i", "input_tp", "input_lra", "input_thresh", "target_offset")}
    if any(v in ("-inf", "inf", "nan") for v in values.values()):
        return None
    return {key: float(value) for key, value in values.items()}


def loudnorm_second_pass(measured: dict) -> dict:
    """Options of ffmpeg's ``loudnorm`` filter for the second pass of EBU R128 levelling:
    the targets, the first pass's ``measured`` values, linear mode. KeyError if a value is
    missing from ``measured``."""
    return {
        **LOUDNESS_TARGET,
        "measured_I": measured["input_i"], "measured_TP": measured["input_tp"],
        "measured_LRA": measured["input_lra"], "measured_thresh": measured["input_thresh"],
        "offset": measured["target_offset"], "linear": "true",
    }
