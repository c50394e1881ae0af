"""Stream-copy cuts of plain MP4 files without ffmpeg: a new index, one byte span copied.

For the common lesson file (one H.264 track, at most one AAC track, not fragmented, index
readable), a cut from a keyframe keeps a run of samples of each track. Those samples sit in
one stretch of the media data, so the cut is a new ``ftyp`` + ``moov`` whose sample tables
keep only that run, with chunk offsets moved to where the stretch lands, followed by the
stretch copied by the kernel. Bytes of the other track at the stretch's edges stay in the
file unreferenced, which players ignore. Anything else raises ``NotCommonCase`` and the
caller remuxes with ffmpeg.
"""

from __future__ import annotations

import os
import struct
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from studio.media.mp4boxes import (
    Box,
    BoxError,
    big_endian,
    box_header,
    boxes,
    child,
    entry_count,
    full_box,
    packed,
    path_to,
    plain_box,
    table,
    timescale,
    top_level,
    uints,
)

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf"}
DROPPED = {b"sgpd", b"sbgp", b"sdtp"}  # optional per-sample hints; not worth cutting
KNOWN_TABLES = {b"stsd", b"stts", b"ctts", b"stss", b"stsz", b"stsc", b"stco", b"co64"} | DROPPED
COPY_PIECE = 32 << 20  # bytes copied between progress reports (and chances to cancel)
CODECS = {b"vide": b"avc1", b"soun": b"mp4a"}


class NotCommonCase(Exception):
    """The source is outside what this cutter handles; remux it with ffmpeg instead."""


def expand(counts: list[int], values: list[int]) -> list[int]:
    """Run-length pairs (as in stts and ctts) to one value per sample."""
    out: list[int] = []
    for count, value in zip(counts, values, strict=True):
        out.extend([value] * count)
    return out


def runs(values: list[int]) -> list[tuple[int, int]]:
    """One value per sample to (count, value) runs; the inverse of :func:`expand`."""
    out: list[list[int]] = []
    for value in values:
        if out and out[-1][1] == value:
            out[-1][0] += 1
        else:
            out.append([1, value])
    return [(c, v) for c, v in out]


@dataclass
class Track:
    """One track's sample tables, expanded to one entry per sample (times in media units)."""

    trak: Box
    handler: bytes
    timescale: int
    dts: list[int]  # decode time of each sample, then the end of the last one
    offsets_ctts: list[int]  # composition offset of each sample (0 without ctts)
    ctts_version: int
    sync: list[int] | None  # 0-based sync samples; None when every sample is one
    sizes: list[int]
    positions: list[int]  # byte offset of each sample in the file
    chunk_of: list[int]
    shift: int  # media time shown at presentation time 0 (edit list), in media units


def read_track(data, trak: Box) -> Track:
    """The sample tables of a ``trak`` box in ``data`` (the moov's bytes); NotCommonCase for
    anything but one H.264 or AAC sample description with consistent tables."""
    handler = path_to(data, trak, b"mdia", b"hdlr")
    kind = bytes(data[handler.body + 8:handler.body + 12])
    stbl = path_to(data, trak, b"mdia", b"minf", b"stbl")
    stsd = path_to(data, stbl, b"stsd")
    if kind not in CODECS or bytes(data[stsd.body + 12:stsd.body + 16]) != CODECS[kind]:
        raise NotCommonCase("a track other than H.264 video or AAC sound")
    if entry_count(data, stsd) != 1:
        raise NotCommonCase("more than one sample description")
    parts = {b.kind: b for b in boxes(data, stbl.body, stbl.end)}
    if set(parts) - KNOWN_TABLES or b"stco" not in parts and b"co64" not in parts:
        raise NotCommonCase(f"sample tables {sorted(set(parts) - KNOWN_TABLES)}")
    mdhd = path_to(data, trak, b"mdia", b"mdhd")
    scale = timescale(data, mdhd)
    counts, deltas = table(data, parts[b"stts"], 2)
    dts = list(accumulate(expand(counts, deltas), initial=0))
    total = len(dts) - 1
    ctts, ctts_version = [0] * total, 0
    if b"ctts" in parts:
        ctts_version = data[parts[b"ctts"].body]
        c_counts, c_values = table(data, parts[b"ctts"], 2)
        ctts = [v - (1 << 32) if ctts_version and v >= 1 << 31 else v
                for v in expand(c_counts, c_values)]
    sync = [n - 1 for n in table(data, parts[b"stss"], 1)[0]] if b"stss" in parts else None
    stsz = parts[b"stsz"]
    fixed, count = struct.unpack_from(">II", data, stsz.body + 4)
    sizes = [fixed] * count if fixed else uints(data, stsz.body + 12, count)
    wide = b"co64" in parts
    chunk_box = parts[b"co64" if wide else b"stco"]
    chunk_count = entry_count(data, chunk_box)
    chunks = uints(data, chunk_box.body + 8, chunk_count, wide)
    firsts, per_chunk, _ = table(data, parts[b"stsc"], 3)  # one sample description
    positions: list[int] = []
    chunk_of: list[int] = []
    before = list(accumulate(sizes, initial=0))  # bytes of all earlier samples
    for run, first in enumerate(firsts):
        last = firsts[run + 1] - 1 if run + 1 < len(firsts) else chunk_count
        for chunk in range(first - 1, last):
            begin = len(positions)
            if begin + per_chunk[run] > count:
                raise NotCommonCase("chunks hold more samples than the sizes table")
            base = chunks[chunk] - before[begin]
            positions.extend(base + before[i] for i in range(begin, begin + per_chunk[run]))
            chunk_of.extend([chunk] * per_chunk[run])
    if not (len(positions) == count == total == len(ctts)) or total == 0:
        raise NotCommonCase("sample tables disagree on the number of samples")
    return Track(trak, kind, scale, dts, ctts, ctts_version, sync, sizes, positions,
                 chunk_of, edit_shift(data, trak))


def edit_shift(data, trak: Box) -> int:
    """The media time an edit list starts at; only one plain edit (a priming or B-frame
    shift) is accepted."""
    edts = child(data, trak, b"edts")
    elst = child(data, edts, b"elst") if edts else None
    if elst is None:
        return 0
    if entry_count(data, elst) != 1:
        raise NotCommonCase("an edit list with several edits")
    _, media_time, rate, _ = struct.unpack_from(">QqHH" if data[elst.body] else ">IiHH", data,
                                                elst.body + 8)
    if media_time < 0 or rate != 1:
        raise NotCommonCase("an edit list that is not a plain shift")
    return media_time


@dataclass(frozen=True)
class Kept:
    """The run of samples a cut keeps of one track, and how it is shown (media units)."""

    first: int
    stop: int  # one past the last sample kept
    shift: int  # the output's edit: media time shown at 0, counted from the first sample kept
    shown: int  # media units presented


def video_range(track: Track, in_point: float, out_point: float, tolerance: float,
                frames: int | None = None) -> Kept:
    """The video samples from the keyframe at or before ``in_point`` (+ ``tolerance``) to
    ``out_point``, in seconds, or the first ``frames`` of them in display order when given;
    NotCommonCase when frame order makes that cut unsafe."""
    scale = track.timescale
    shown = [track.dts[i] + track.offsets_ctts[i] - track.shift for i in range(len(track.sizes))]
    limit = round((in_point + tolerance) * scale)
    candidates = [i for i in (track.sync if track.sync is not None else range(len(shown)))
                  if shown[i] <= limit]
    if not candidates:
        raise NotCommonCase("no keyframe at or before the in point")
    first = candidates[-1]
    end = round(out_point * scale)
    if frames is not None:
        order = sorted(shown[first:])
        end = order[frames] if frames < len(order) else order[-1] + 1
    later = [i for i in range(first, len(shown)) if shown[i] >= end]
    stop = later[0] if later else len(shown)
    if any(shown[i] < shown[first] for i in range(first, stop)):
        raise NotCommonCase("frames shown before the keyframe they follow")
    if any(shown[i] < end for i in range(stop, len(shown))):
        raise NotCommonCase("frames out of display order across the out point")
    last = max(range(first, stop), key=lambda i: shown[i])
    frame = track.dts[last + 1] - track.dts[last]
    if track.offsets_ctts[first] < 0:
        raise NotCommonCase("a negative composition offset")
    return Kept(first, stop, track.offsets_ctts[first], shown[last] + frame - shown[first])


def audio_range(track: Track, start: float, seconds: float) -> Kept:
    """Sound from ``start`` for ``seconds`` (source presentation time), one frame of
    pre-roll kept before it so the decoder starts clean."""
    scale = track.timescale
    media_start = round(start * scale) + track.shift
    media_end = media_start + round(seconds * scale)
    first = max(0, next((i for i in range(len(track.sizes))
                         if track.dts[i + 1] > media_start), len(track.sizes)) - 1)
    stop = next((i for i in range(first, len(track.sizes)) if track.dts[i] >= media_end),
                len(track.sizes))
    if stop <= first:
        raise NotCommonCase("no sound in the cut")
    shift = media_start - track.dts[first]
    return Kept(first, stop, shift, min(media_end, track.dts[stop]) - media_start)


def sample_tables(track: Track, kept: Kept, rebase: int, wide: bool) -> list[bytes]:
    """The cut's stts, ctts, stss, stsz, stsc and stco/co64 boxes, in that order."""
    span = range(kept.first, kept.stop)
    deltas = [track.dts[i + 1] - track.dts[i] for i in span]
    made = [full_box(b"stts", 0, packed(">II", runs(deltas)))]
    if any(track.offsets_ctts[i] for i in span):
        made.append(full_box(b"ctts", track.ctts_version << 24, packed(
            ">Ii" if track.ctts_version else ">II", runs(track.offsets_ctts[i] for i in span))))
    if track.sync is not None:
        numbers = [(n - kept.first + 1,) for n in track.sync if kept.first <= n < kept.stop]
        made.append(full_box(b"stss", 0, packed(">I", numbers)))
    sizes = [track.sizes[i] for i in span]
    made.append(full_box(b"stsz", 0, struct.pack(">II", 0, len(sizes))
                         + struct.pack(f">{len(sizes)}I", *sizes)))
    chunks: list[list[int]] = []  # [offset, samples]
    for i in span:
        if i == kept.first or track.chunk_of[i] != track.chunk_of[i - 1]:
            chunks.append([track.positions[i] + rebase, 0])
        chunks[-1][1] += 1
    stsc = [(number + 1, count, 1) for number, (_, count) in enumerate(chunks)
            if number == 0 or count != chunks[number - 1][1]]
    made.append(full_box(b"stsc", 0, packed(">III", stsc)))
    made.append(full_box(b"co64" if wide else b"stco", 0,
                         packed(">Q" if wide else ">I", ((c[0],) for c in chunks))))
    return made


def with_duration(data, box: Box, duration: int, at_v0: int, at_v1: int) -> bytes:
    """A header box (mvhd, tkhd, mdhd) copied with its duration field replaced."""
    body = bytearray(data[box.start:box.end])
    head = box.body - box.start
    if data[box.body]:
        struct.pack_into(">Q", body, head + at_v1, duration)
    elif duration >= 1 << 32:
        raise NotCommonCase("a duration too long for a version 0 header")
    else:
        struct.pack_into(">I", body, head + at_v0, duration)
    return bytes(body)


def rebuilt(data, box: Box, track: Track, kept: Kept, movie_scale: int, rebase: int,
            wide: bool) -> bytes:
    """A copy of a track's box with its timing and sample tables replaced by the cut's."""
    if box.kind == b"stbl":
        inner = [bytes(data[b.start:b.end]) for b in boxes(data, box.body, box.end)
                 if b.kind == b"stsd"]
        return plain_box(b"stbl", b"".join(inner + sample_tables(track, kept, rebase, wide)))
    parts = []
    shown = -(-kept.shown * movie_scale // track.timescale)
    for part in boxes(data, box.body, box.end):
        if part.kind == b"tkhd":
            parts.append(with_duration(data, part, shown, 20, 28))
            small = shown < 1 << 32 and kept.shift < 1 << 31
            parts.append(plain_box(b"edts", full_box(b"elst", 0 if small else 1 << 24, packed(
                ">IiHH" if small else ">QqHH", [(shown, kept.shift, 1, 0)]))))
        elif part.kind == b"mdhd":
            media = track.dts[kept.stop] - track.dts[kept.first]
            parts.append(with_duration(data, part, media, 16, 24))
        elif part.kind == b"edts":
            continue  # replaced above, after tkhd
        elif part.kind in CONTAINERS:
            parts.append(rebuilt(data, part, track, kept, movie_scale, rebase, wide))
        else:
            parts.append(bytes(data[part.start:part.end]))
    return plain_box(box.kind, b"".join(parts))


def cut(source: Path, output: Path, in_point: float, out_point: float,
        tolerance: float = 0.0, copied: Callable[[float], None] = lambda fraction: None,
        frames: int | None = None) -> dict:
    """Write the cut [in_point, out_point) (seconds) of ``source`` to ``output`` from the
    keyframe at or before ``in_point`` (within ``tolerance`` seconds after it); returns
    ``{"start": seconds, "duration": seconds, "bytes": size}``.

    With ``frames`` the cut keeps exactly that many video frames (display order) from the
    keyframe, fewer only where the source ends, and the sound for as long as they show;
    without it, every frame shown before ``out_point``. ``copied`` hears the fraction of
    media bytes copied so far, and may raise to stop. Raises NotCommonCase for a source
    outside the common case (damaged boxes included), OSError when a file cannot be read
    or written."""
    try:
        return _cut(source, output, in_point, out_point, tolerance, copied, frames)
    except BoxError as exc:
        raise NotCommonCase(str(exc)) from exc


def _cut(source: Path, output: Path, in_point: float, out_point: float, tolerance: float,
         copied: Callable[[float], None], frames: int | None) -> dict:
    top = top_level(source)
    kinds = [b.kind for b in top]
    if not kinds or kinds[0] != b"ftyp" or kinds.count(b"moov") != 1 or kinds.count(
            b"mdat") != 1 or b"moof" in kinds:
        raise NotCommonCase("not a plain mp4 with one index and one media box")
    ftyp, moov, mdat = (next(b for b in top if b.kind == k) for k in (b"ftyp", b"moov", b"mdat"))
    with open(source, "rb") as f:
        f.seek(ftyp.start)
        head = f.read(ftyp.end - ftyp.start)
        f.seek(moov.start)
        data = memoryview(f.read(moov.end - moov.start))
    moov = Box(b"moov", 0, moov.body - moov.start, len(data))
    children = boxes(data, moov.body, moov.end)
    if any(b.kind == b"mvex" for b in children):
        raise NotCommonCase("a fragmented mp4")
    tracks = [read_track(data, b) for b in children if b.kind == b"trak"]
    video = [t for t in tracks if t.handler == b"vide"]
    audio = [t for t in tracks if t.handler == b"soun"]
    if len(video) != 1 or len(audio) > 1:
        raise NotCommonCase("not one video track and at most one sound track")
    mvhd = next(b for b in children if b.kind == b"mvhd")
    movie_scale = timescale(data, mvhd)
    picture = video[0]
    shot = video_range(picture, in_point, out_point, tolerance, frames)
    start = (picture.dts[shot.first] + picture.offsets_ctts[shot.first]
             - picture.shift) / picture.timescale
    seconds = shot.shown / picture.timescale
    kept = [shot if t is picture else audio_range(t, start, seconds) for t in tracks]
    pairs = list(zip(tracks, kept, strict=True))
    low = min(t.positions[i] for t, k in pairs for i in range(k.first, k.stop))
    high = max(t.positions[i] + t.sizes[i] for t, k in pairs for i in range(k.first, k.stop))
    if low < mdat.body or high > mdat.end:
        raise NotCommonCase("samples outside the media box")
    length = high - low
    header = box_header(b"mdat", length)
    wide = len(head) + 2 * len(data) + len(header) + length >= 1 << 32
    made = [with_duration(data, mvhd, max(-(-k.shown * movie_scale // t.timescale)
                                          for t, k in pairs), 16, 24)]
    for part in children:
        if part.kind == b"trak":
            number = next(n for n, t in enumerate(tracks) if t.trak == part)
            made.append(rebuilt(data, part, tracks[number], kept[number], movie_scale, -low,
                                wide))
        elif part.kind != b"mvhd":
            made.append(bytes(data[part.start:part.end]))
    index = bytearray(plain_box(b"moov", b"".join(made)))
    move_chunks(index, len(head) + len(index) + len(header))
    with open(source, "rb") as src, open(output, "wb") as out:
        out.write(head + index + header)
        out.flush()
        copy_span(src.fileno(), out.fileno(), low, length, copied)
    return {"start": start, "duration": seconds, "bytes": len(head) + len(index) + len(header)
            + length}


def move_chunks(index: bytearray, by: int) -> None:
    """Add ``by`` to every chunk offset of a built index (its size does not depend on them)."""
    stack = [Box(b"moov", 0, 8, len(index))]
    while stack:
        parent = stack.pop()
        for part in boxes(index, parent.body, parent.end):
            if part.kind in CONTAINERS - {b"edts", b"dinf"}:
                stack.append(part)
            elif part.kind in (b"stco", b"co64"):
                count = entry_count(index, part)
                wide = part.kind == b"co64"
                values = array("Q" if wide else "I", [v + by for v in uints(
                    index, part.body + 8, count, wide)])
                index[part.body + 8:part.end] = big_endian(values).tobytes()


def copy_span(src: int, dst: int, offset: int, length: int,
              copied: Callable[[float], None]) -> None:
    """Copy ``length`` bytes from ``offset`` in the kernel (no trip through Python)."""
    left = length
    while left > 0:
        try:
            done = os.copy_file_range(src, dst, min(left, COPY_PIECE), offset)
        except OSError:
            done = os.sendfile(dst, src, offset, min(left, COPY_PIECE))
        if done == 0:
            raise NotCommonCase("the source ended early")
        offset += done
        left -= done
        copied(1 - left / length)
