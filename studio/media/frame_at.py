"""One decoded frame of a video at a time of its source, for a preview that follows a playhead.

A frame is found the way a player seeks: jump to the keyframe at or before the time, then
decode forward to the last frame that starts at or before it. Frames far before the target
that no other frame refers to are skipped by the decoder (they cannot change the picture
asked for), which saves about a third of the work on camera footage with B-frames. A reader
keeps its file open between calls, and a request a little after the previous one within the
same group of pictures continues decoding instead of seeking again.

A file whose every frame is a keyframe (a scrubbing proxy, :mod:`studio.media.scrub_proxy`)
is read with ``intra_only``: every jump is a seek, and the decoder runs without frame
threading, whose pipeline would make one frame wait for several more to be decoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from studio.errors import MediaError
from studio.media.av_video import open_video

EARLY = 0.001  # seconds: a time computed as n / fps may land a hair before frame n starts
DECODE_ALL_FROM = 0.25  # seconds before the target from which every frame is decoded
CONTINUE_WITHIN = 2.0  # seconds ahead of the last frame that decoding forward beats a seek
SEEK_BACK = 1.0  # seconds: the first step back when a seek lands after the target
CONTINUE_FRAMES_INTRA = 3  # frames ahead that decoding forward beats a seek in all-intra files


@dataclass(frozen=True)
class Frame:
    """A decoded frame as packed RGB: ``rgb`` holds ``height`` rows of ``stride`` bytes
    (3 bytes a pixel, rows may be padded); ``time`` is the frame's start in seconds of the
    source (0 = the video's first frame); ``width``/``height`` in pixels as stored. A player
    turns it ``rotation`` degrees counterclockwise (0, 90, 180, 270: the stream's display
    matrix, as phones record) before showing it."""

    time: float
    width: int
    height: int
    stride: int
    rgb: bytes
    rotation: int = 0


def fit(width: int, height: int, box_width: int, box_height: int) -> tuple[int, int]:
    """The largest even size with ``width:height``'s aspect inside a box, in pixels (at least
    2x2); ValueError when ``width`` or ``height`` is not positive."""
    if width <= 0 or height <= 0:
        raise ValueError(f"not a picture size: {width}x{height}")
    scale = min(max(box_width, 2) / width, max(box_height, 2) / height)
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


class FrameReader:
    """Reads frames of one video file; not thread-safe (use one reader per thread).

    ``intra_only`` says every frame of the file is a keyframe (see the module's note).
    Raises :class:`MediaError` when the file cannot be opened or has no video stream.
    """

    def __init__(self, path: Path, intra_only: bool = False):
        self.path = Path(path)
        self.container, self.stream = open_video(path, "for a preview", "to preview")
        self.stream.thread_type = "SLICE" if intra_only else "AUTO"
        self.base = Fraction(self.stream.time_base)
        self.start = self.stream.start_time or 0
        rate = self.stream.average_rate or self.stream.guessed_rate
        self.frame_duration = float(1 / rate) if rate else 0.04
        self.continue_within = CONTINUE_FRAMES_INTRA * self.frame_duration if intra_only \
            else CONTINUE_WITHIN  # seconds
        self._frames = None  # the decoding generator positioned after _last
        self._last = None  # the frame returned last, as a PyAV frame
        self._peek = None  # the frame decoded after it, not yet shown

    def close(self) -> None:
        """Close the file (the reader cannot be used afterwards)."""
        self._frames = None
        self.container.close()

    def frame_at(self, seconds: float, box_width: int, box_height: int) -> Frame:
        """The frame shown at ``seconds`` of the source, scaled so that, turned upright by
        its ``rotation``, it fits a box (pixels).

        A time past the last frame gives the last frame; MediaError when nothing decodes.
        """
        import av  # noqa: PLC0415

        target = max(0.0, seconds) + EARLY
        try:
            frame = self._decode_to(target)
        except av.error.FFmpegError as exc:
            self._frames = None
            raise MediaError(f"Cannot decode {self.path.name} at {seconds:.2f} s: {exc}.") \
                from exc
        if frame is None:
            raise MediaError(f"{self.path.name} has no picture at {seconds:.2f} s.")
        rotation = round(getattr(frame, "rotation", 0) or 0) % 360
        if rotation in (90, 270):  # fitted as shown, upright
            height, width = fit(frame.height, frame.width, box_width, box_height)
        else:
            width, height = fit(frame.width, frame.height, box_width, box_height)
        rgb = frame.reformat(width, height, "rgb24", interpolation="BILINEAR")
        plane = rgb.planes[0]
        return Frame(self._time_of(frame), width, height, plane.line_size, bytes(plane),
                     rotation if rotation in (90, 180, 270) else 0)

    def _time_of(self, frame) -> float:
        return float((frame.pts - self.start) * self.base) if frame.pts is not None else 0.0

    def _decode_to(self, target: float):
        last = self._last
        if last is not None and self._frames is not None:
            shown = self._time_of(last)
            if shown <= target < shown + self.frame_duration:
                return last
            if shown < target < shown + self.continue_within:
                found = self._forward(target, last)
                if found is not None:
                    return found
        back = 0.0  # seconds: how much earlier than the target the seek aims
        while True:
            aim = target - back
            # before the start, the stream's zero: the first keyframe's decoding time may
            # be earlier than the start, which counts presentation time
            position = self.start + int(aim / self.base) if aim >= 0 else min(0, self.start)
            self.container.seek(position, stream=self.stream, backward=True)
            self._frames, self._peek = self._decoded(target), None
            found = self._forward(target, None)
            # a container seeking by decoding time (MPEG-TS) may land after the keyframe
            # that shows first, or past the end: aim earlier, at worst before the start
            if (found is not None and self._time_of(found) <= target) or aim < 0:
                return found
            back = max(SEEK_BACK, 2 * back)

    def _decoded(self, target: float):
        """Frames from the current position; the ones long before ``target`` that are
        not references are skipped."""
        context = self.stream.codec_context
        context.skip_frame = "NONREF"
        try:
            for packet in self.container.demux(self.stream):
                if packet.pts is not None and context.skip_frame != "DEFAULT" and \
                        float((packet.pts - self.start) * self.base) > target - DECODE_ALL_FROM:
                    context.skip_frame = "DEFAULT"
                yield from context.decode(packet)
        finally:
            context.skip_frame = "DEFAULT"

    def _forward(self, target: float, before):
        """The last frame starting at or before ``target``, decoding forward; ``before`` is
        the frame already in hand (None after a seek)."""
        found = before
        while True:
            frame, self._peek = self._peek or next(self._frames, None), None
            if frame is None:  # the end of the stream: its last frame stays on screen
                self._frames = None
                break
            if frame.pts is None:
                continue
            if self._time_of(frame) > target:  # starts after the target: kept for the next call
                self._peek = frame
                found = found or frame  # a stream that starts late shows its first frame
                break
            found = frame
        self._last = found
        return found
