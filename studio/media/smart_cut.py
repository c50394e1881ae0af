"""Frame-accurate cuts of web-ready H.264 sources at nearly the speed of a stream copy.

Only the pictures between the in point and the first keyframe inside the cut (the head), and
between the last keyframe inside it and the out point (the tail), are decoded and encoded
again; every packet from that first keyframe to that last one is copied. The edges are
encoded by x264 with the source's profile, level, size, aspect ratio, colour description and
frame rate, each starting on an IDR picture, and with parameter set ids of their own: the one
MP4 decoder configuration then carries both the source's and the edges' parameter sets, and
each picture refers to its own (ITU-T H.264 §7.4.1.2.1 lets a new sequence parameter set take
effect at an IDR picture). Sound packets are copied; an edit list hides the part of the first
packet before the in point.

This module holds the plan and the checks, as pure functions of the source's index and
parameter sets; :mod:`studio.media.smart_mux` carries it out. Sources whose pictures could not
be joined like this raise :class:`Unsafe` with the reason, before anything is written (but
for packets whose times belie the index, found while copying); the caller then encodes the
whole cut over the same output.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from studio.media import h264_params as h264
from studio.media import mp4cut
from studio.media.mp4boxes import BoxError, top_level

EDGE_CRF = 16  # edges are a second generation: encoded well above the copied part's quality
# x264's fastest: the edges are a few seconds at a low CRF, where speed costs bits, not looks
EDGE_PRESET = "ultrafast"
HEAD_PARTS = 2  # the head is encoded in this many parts side by side (fixed: same bytes)
MIN_PART = 12  # pictures: shorter parts would cost more in IDR pictures than they save
EDGE_BFRAMES = 3  # at most, where the source has B-frames; so no picture is decoded more
# than this many places after it is shown
EDGE_SHARE = 0.3  # of the progress bar: the edges' encoding; the rest is the copy
# x264's output depends on its thread count, and neither its sliced nor its frame threads gave
# the same bytes twice here: one thread does, on every machine
EDGE_THREADS = 1
TICK_PACKETS = 48  # packets copied between progress reports and chances to cancel
# fields of a sequence parameter set that must agree for the joined pictures to look alike
MATCHED_FIELDS = ("chroma_format_idc", "bit_depth", "size_in_mbs", "frame_mbs_only",
                  "cropping", "sar", "full_range", "colour")
X264_PROFILES = {66: "baseline", 77: "main", 100: "high"}  # profile_idc -> x264's name
# a coding tool the fast preset turns off and the profile has, without which x264 would call
# the edges by a lower profile than the source's (B-frames make Main on their own, 8x8
# transforms High; CABAC stays off where it is not needed: it costs time at these rates)
PROFILE_TOOLS = {"baseline": "", "main": ":cabac=1", "high": ":8x8dct=1"}


class Unsafe(Exception):
    """The source's pictures cannot be joined to re-encoded ones; the message says why."""


@dataclass(frozen=True)
class CutPlan:
    """A smart cut as data, in video samples of the source.

    ``shown`` lists the samples in display order; the cut shows ``shown[first:stop]``.
    ``head`` and ``tail`` are (start, stop) positions in ``shown`` to encode again (empty
    when start == stop); ``copy`` is the (start, stop) range of samples in decode order to
    copy (empty when start == stop), from a keyframe ``key_in`` (a position in ``shown``).
    ``decode_from`` holds, for head and tail, the sample a decoder starts from.
    """

    shown: tuple[int, ...]
    first: int
    stop: int
    head: tuple[int, int]
    copy: tuple[int, int]
    tail: tuple[int, int]
    decode_from: tuple[int, int]

    @property
    def encoded_frames(self) -> int:
        """How many pictures are encoded again."""
        return self.head[1] - self.head[0] + self.tail[1] - self.tail[0]


def plan_cut(display: list[int], sync: list[int], first: int, frames: int) -> CutPlan:
    """Plan the cut showing ``frames`` pictures from display position ``first``.

    ``display`` is each sample's presentation time (decode order, any unit), ``sync`` the
    keyframe samples (IDR pictures, ascending). Raises Unsafe when a keyframe the copy
    starts or ends on has pictures shown before it but decoded after it (open GOP), or
    when the source holds fewer pictures than the cut."""
    shown = tuple(sorted(range(len(display)), key=display.__getitem__))
    stop = first + frames
    if first < 0 or stop > len(shown):
        raise Unsafe("the cut runs past the source's pictures")
    position = {sample: n for n, sample in enumerate(shown)}
    keys = sorted(position[s] for s in sync)
    inside = [k for k in keys if first <= k <= stop]
    if stop == len(shown):
        inside.append(stop)  # the source's end closes the last group of pictures
    if len(inside) < 2 or inside[0] == inside[-1]:
        start = keys[bisect_right(keys, first) - 1] if keys and keys[0] <= first else 0
        whole = (first, stop)
        return CutPlan(shown, first, stop, whole, (0, 0), (stop, stop), (start, stop))
    key_in, key_out = inside[0], inside[-1]
    copy = (shown[key_in], shown[key_out] if key_out < len(shown) else len(display))
    for n in range(*copy):
        if position[n] < key_in or position[n] >= key_out:
            raise Unsafe("an open group of pictures: frames shown before the keyframe they "
                         "follow")
    before = keys[bisect_right(keys, first) - 1] if keys and keys[0] <= first else 0
    return CutPlan(shown, first, stop, (first, key_in), copy, (key_out, stop),
                   (before, key_out))


@dataclass
class VideoIndex:
    """The source's video samples as its MP4 index lists them (times in ``timescale`` units)."""

    timescale: int
    display: list[int]  # presentation time of each sample, decode order
    sync: list[int]
    frame: int  # the one sample duration
    positions: list[int]
    sizes: list[int]


def read_index(source: Path) -> VideoIndex:
    """The video track's index; Unsafe when it is not one plain constant-rate track."""
    try:
        top = top_level(source)
        moov = [b for b in top if b.kind == b"moov"]
        if len(moov) != 1 or any(b.kind == b"moof" for b in top):
            raise Unsafe("a fragmented mp4 or one with several indexes")
        with open(source, "rb") as f:
            f.seek(moov[0].start)
            data = memoryview(f.read(moov[0].end - moov[0].start))
        box = mp4cut.Box(b"moov", 0, moov[0].body - moov[0].start, len(data))
        traks = [b for b in mp4cut.boxes(data, box.body, box.end) if b.kind == b"trak"]
        tracks = [mp4cut.read_track(data, t) for t in traks]
    except (mp4cut.NotCommonCase, BoxError) as exc:
        raise Unsafe(str(exc)) from exc
    video = [t for t in tracks if t.handler == b"vide"]
    if len(video) != 1:
        raise Unsafe("not one video track")
    track = video[0]
    deltas = {track.dts[n + 1] - track.dts[n] for n in range(len(track.sizes))}
    display = [d + o - track.shift for d, o in zip(track.dts, track.offsets_ctts, strict=False)]
    steps = {b - a for a, b in zip(sorted(display), sorted(display)[1:], strict=False)}
    if len(deltas) != 1 or steps - deltas:
        raise Unsafe("a non-constant frame rate")
    sync = track.sync if track.sync is not None else list(range(len(track.sizes)))
    return VideoIndex(track.timescale, display, sync, deltas.pop(), track.positions,
                      track.sizes)


def first_shown(index: VideoIndex, in_point: float, tolerance: float) -> int:
    """Display position of the picture shown at ``in_point`` seconds (within ``tolerance``
    seconds before the next one starts)."""
    times = sorted(index.display)
    limit = round((in_point + tolerance) * index.timescale)
    return max(0, bisect_right(times, limit) - 1)


def split_edge(edge: tuple[int, int], parts: int) -> list[tuple[int, int]]:
    """``edge`` (display positions, start and stop) as up to ``parts`` runs of at least
    :data:`MIN_PART` pictures, each to be encoded on its own from an IDR picture; none for
    an empty edge."""
    length = edge[1] - edge[0]
    if length <= 0:
        return []
    count = max(1, min(parts, length // MIN_PART))
    bounds = [edge[0] + length * n // count for n in range(count + 1)]
    return list(zip(bounds, bounds[1:], strict=False))


def edge_encoder_options(sps: dict, reorders: bool, keyint: int, sps_id: int) -> dict:
    """libx264 options for an edge: the source's profile and level, B-frames only where the
    source has them, one IDR picture at the start, parameter sets numbered ``sps_id``."""
    profile = X264_PROFILES[sps["profile_idc"]]
    level = sps["level_idc"]
    params = (f"sps-id={sps_id}:keyint={keyint}:min-keyint={keyint}:scenecut=0:open-gop=0:"
              f"threads={EDGE_THREADS}:sliced-threads=0{PROFILE_TOOLS[profile]}")
    return {"preset": EDGE_PRESET, "crf": str(EDGE_CRF), "profile": profile,
            "level": "1b" if level == 9 else f"{level // 10}.{level % 10}",
            "bf": str(EDGE_BFRAMES if reorders else 0), "x264-params": params}


def mismatch(source: dict, edge: dict) -> str | None:
    """What an edge's sequence parameter set changes that the join cannot carry, or None."""
    for name in MATCHED_FIELDS:
        if source.get(name) != edge.get(name):
            return f"the re-encoded pictures' {name.replace('_', ' ')} would differ"
    if edge["profile_idc"] != source["profile_idc"]:
        return f"x264 cannot encode profile {source['profile_idc']} here"
    if edge["level_idc"] > source["level_idc"]:
        return f"x264 needs level {edge['level_idc']}, above the source's"
    return None


@dataclass(frozen=True)
class Edges:
    """The head and tail being encoded, each in parts: futures of their samples
    (length-prefixed NAL units) with display positions, in decode order, and the parts'
    parameter sets."""

    head: list[Future]  # each of [(sample, display position, keyframe)]
    tail: list[Future]
    sps: list[bytes]
    pps: list[bytes]


Report = Callable[[float], None]


def check_source(config: h264.DecoderConfig) -> dict:
    """The source's one sequence parameter set's fields; Unsafe when it cannot be joined."""
    if len(config.sps) != 1 or len(config.pps) != 1:
        raise Unsafe("several parameter sets in the source's configuration")
    if config.length_size != 4:
        raise Unsafe("NAL unit lengths other than 4 bytes")
    try:
        fields = h264.sequence_fields(config.sps[0])
    except h264.ParameterSetError as exc:
        raise Unsafe(str(exc)) from exc
    if not fields.get("frame_mbs_only", 1):
        raise Unsafe("interlaced pictures (field or MBAFF coding)")
    if fields["scaling_matrices"]:
        raise Unsafe("custom scaling matrices")
    if fields["profile_idc"] not in X264_PROFILES:
        raise Unsafe(f"profile {fields['profile_idc']}, which x264 does not encode")
    return fields
