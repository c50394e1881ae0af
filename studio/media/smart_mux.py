"""The running half of a smart cut (:mod:`studio.media.smart_cut`): encoding its edges with
PyAV's libx264 and writing the one MP4 that joins them to the copied packets and sound."""

from __future__ import annotations

from concurrent.futures import Executor, ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

from studio.errors import MediaError
from studio.jobs import CancelToken, Progress
from studio.media import h264_params as h264
from studio.media.ffmpeg_args import MOOV_SLACK, frame_count
from studio.media.mp4boxes import top_level
from studio.media.smart_cut import (
    EDGE_BFRAMES,
    EDGE_SHARE,
    HEAD_PARTS,
    TICK_PACKETS,
    CutPlan,
    Edges,
    Report,
    Unsafe,
    VideoIndex,
    check_source,
    edge_encoder_options,
    first_shown,
    mismatch,
    plan_cut,
    read_index,
    split_edge,
)

MAX_PARAMETER_SET_ID = 31  # sps ids run 0..31 (H.264 §7.4.2.1.1)


def render_cut(source: Path, output: Path, in_point: float, out_point: float,
               rate: Fraction, tolerance: float, progress: Progress, token: CancelToken,
               what: str) -> dict:
    """Write the frame-accurate cut [in_point, out_point) of ``source`` (seconds) to
    ``output``, an MP4 with its index first holding :func:`frame_count` pictures; returns
    ``{"encoded_seconds", "copied_seconds", "frames"}``.

    Raises Unsafe when the source cannot be joined (see :mod:`smart_cut`), MediaError when it
    cannot be read, Cancelled when ``token`` is (the caller removes ``output``)."""
    import av  # noqa: PLC0415

    def edge_progress(fraction: float) -> None:
        progress(fraction * EDGE_SHARE, f"{what}: edges {round(fraction * 100)} %")
        token.check()

    def copy_progress(fraction: float) -> None:
        progress(EDGE_SHARE + fraction * (1 - EDGE_SHARE), f"{what}: {round(fraction * 100)} %")
        token.check()

    try:
        index = read_index(source)
        first = first_shown(index, in_point, tolerance)
        plan = plan_cut(index.display, index.sync, first,
                        frame_count(out_point - in_point, rate))
        # each edge on its own one-threaded x264 (see EDGE_THREADS): the two run side by
        # side, and the tail goes on while the middle is copied
        with ThreadPoolExecutor(2) as pool:
            edges = start_edges(source, index, plan, pool, edge_progress,
                                lambda fraction: token.check())
            try:
                mux(source, output, index, plan, edges, copy_progress, index_room(source))
            except av.error.FFmpegError:  # the room kept for the index was too small
                mux(source, output, index, plan, edges, copy_progress, None)
    except (OSError, av.error.FFmpegError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise MediaError(f"Could not cut {source.name} ({reason}).") from exc
    frame = Fraction(index.frame, index.timescale)
    copied = plan.copy[1] - plan.copy[0]
    return {"encoded_seconds": round(float(plan.encoded_frames * frame), 6),
            "copied_seconds": round(float(copied * frame), 6),
            "frames": plan.stop - plan.first}


def start_edges(source: Path, index: VideoIndex, plan: CutPlan, pool: Executor,
                head_report: Report, tail_report: Report) -> Edges:
    """Start encoding the plan's head and tail in ``pool``, with the parameter sets their
    encoders made as they opened. Raises Unsafe when the source's parameter sets cannot be
    matched; the encodes raise MediaError when the source cannot be decoded."""
    import av  # noqa: PLC0415

    try:
        with av.open(str(source)) as container:
            config = h264.read_config(
                bytes(container.streams.video[0].codec_context.extradata or b""))
        fields = check_source(config)
        if plan.copy[0] < plan.copy[1]:
            _check_idr(source, index, plan.copy[0])
        used = {fields["sps_id"], *h264.picture_ids(config.pps[0])}
        # the head in parts, encoded at once, for the copy waits on it; the tail is encoded
        # while the middle is copied
        parts = [(run, plan.decode_from[0], True) for run in split_edge(plan.head, HEAD_PARTS)]
        parts += [(run, plan.decode_from[1], False) for run in split_edge(plan.tail, 1)]
        if max(used) + len(parts) > MAX_PARAMETER_SET_ID:
            raise Unsafe("no parameter set id is left for the re-encoded pictures")
        heard = {run: 0.0 for run, _, in_head in parts if in_head}

        def hears(run: tuple[int, int], in_head: bool) -> Report:
            def report(fraction: float) -> None:
                if not in_head:
                    tail_report(fraction)
                    return
                heard[run] = fraction * (run[1] - run[0])
                head_report(sum(heard.values()) / (plan.head[1] - plan.head[0]))
            return report

        jobs, sets = [], []
        with av.open(str(source)) as container:
            codec = container.streams.video[0].codec_context
            # ids of their own for each part: x264 sizes frame numbers by the part's length
            for sps_id, (run, start, in_head) in enumerate(parts, start=max(used) + 1):
                encoder = _encoder(codec, index, edge_encoder_options(
                    fields, reorders(index), run[1] - run[0] + 1, sps_id))
                sets += h264.annexb_units(bytes(encoder.extradata))
                jobs.append((pool.submit(_encode, source, encoder, index, plan, run, start,
                                         hears(run, in_head)), in_head))
        for nal in sets:
            if h264.nal_type(nal) == h264.SPS and (
                    why := mismatch(fields, h264.sequence_fields(nal))):
                raise Unsafe(why)
    except av.error.FFmpegError as exc:
        raise MediaError(f"{source.name} cannot be decoded ({exc}); it may be damaged.") \
            from exc
    except h264.ParameterSetError as exc:
        raise Unsafe(str(exc)) from exc
    return Edges([job for job, in_head in jobs if in_head],
                 [job for job, in_head in jobs if not in_head],
                 [u for u in sets if h264.nal_type(u) == h264.SPS],
                 [u for u in sets if h264.nal_type(u) == h264.PPS])


def _check_idr(source: Path, index: VideoIndex, sample: int) -> None:
    """Unsafe unless the video ``sample`` (4-byte NAL lengths) is an IDR picture."""
    with open(source, "rb") as f:
        f.seek(index.positions[sample])
        data = f.read(index.sizes[sample])
    if h264.IDR not in {h264.nal_type(u) for u in h264.sample_units(data, 4)}:
        raise Unsafe("keyframes that are not IDR pictures")


def reorders(index: VideoIndex) -> bool:
    """Whether any picture is shown later than a picture decoded after it (B-frames)."""
    return any(b < a for a, b in zip(index.display, index.display[1:], strict=False))


def _encode(source: Path, encoder, index: VideoIndex, plan: CutPlan, edge: tuple[int, int],
            start: int, report: Report) -> list:
    """The samples of one edge's part, encoded by ``encoder`` (open, made by :func:`_encoder`)."""
    import av  # noqa: PLC0415

    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"  # decoding repeats its pictures whatever the threads
        return _encode_frames(container, stream, encoder, index, plan, edge, start, report)


def _encoder(source_codec, index: VideoIndex, options: dict):
    import av  # noqa: PLC0415

    encoder = av.CodecContext.create("libx264", "w")
    encoder.width, encoder.height = source_codec.width, source_codec.height
    encoder.pix_fmt = "yuv420p"
    encoder.time_base = Fraction(1, index.timescale)
    encoder.framerate = Fraction(index.timescale, index.frame)
    if source_codec.sample_aspect_ratio:
        encoder.sample_aspect_ratio = source_codec.sample_aspect_ratio
    for name in ("color_range", "colorspace", "color_primaries", "color_trc"):
        setattr(encoder, name, getattr(source_codec, name))
    encoder.options = options
    encoder.flags |= av.codec.context.Flags.global_header  # parameter sets out of band
    encoder.open()
    return encoder


def _encode_frames(container, stream, encoder, index: VideoIndex, plan: CutPlan,
                   edge: tuple[int, int], start: int, report: Report) -> list:
    import av  # noqa: PLC0415

    wanted = {index.display[plan.shown[n]]: n for n in range(*edge)}
    last = index.display[plan.shown[edge[1] - 1]]
    container.seek(index.display[plan.shown[start]], stream=stream, backward=True,
                   any_frame=False)
    packets, fed = [], 0
    for frame in container.decode(stream):
        if frame.pts in wanted:
            frame.pts = (wanted[frame.pts] - plan.first) * index.frame
            frame.pict_type = av.video.frame.PictureType.NONE
            packets += encoder.encode(frame)
            fed += 1
            report(fed / len(wanted))
        if frame.pts is not None and frame.pts >= last:
            break
    packets += encoder.encode(None)
    if len(packets) != len(wanted):
        raise MediaError("Some pictures of the source could not be decoded.")
    return [(h264.to_sample([u for u in h264.annexb_units(bytes(packet))
                             if h264.nal_type(u) not in (h264.SPS, h264.PPS)], 4),
             packet.pts // index.frame + plan.first, packet.is_keyframe)
            for packet in packets]


def index_room(source: Path) -> int:
    """Bytes to keep for the cut's index at the front: the source's index, and some more."""
    moov = next(b for b in top_level(source) if b.kind == b"moov")
    return moov.end - moov.start + MOOV_SLACK


def mux(source: Path, output: Path, index: VideoIndex, plan: CutPlan, edges: Edges,
        report: Report, room: int | None) -> None:
    """Write the joined MP4 (index first, in ``room`` bytes kept at the front, or moved
    there at the end when None): the edges' samples, the copied packets and the sound for
    as long as the pictures show. ``report`` hears the fraction done. Raises
    Unsafe, leaving ``output`` for the caller to overwrite, when the packets read are not
    those the index lists."""
    import av  # noqa: PLC0415

    position = {sample: n for n, sample in enumerate(plan.shown)}
    head = [sample for part in edges.head for sample in part.result()]
    order = [p for _, p, _ in head] + [position[s] for s in range(*plan.copy)]
    # every decode time the same step below the next, and none after its picture shows;
    # the tail, still being encoded, is decoded at most EDGE_BFRAMES places late
    delay = max(0, *(n - (p - plan.first) for n, p in enumerate(order)),
                EDGE_BFRAMES if edges.tail and reorders(index) else 0)
    frame = index.frame
    start = index.display[plan.shown[plan.first]]
    seconds = Fraction(start, index.timescale)
    end = seconds + Fraction((plan.stop - plan.first) * frame, index.timescale)
    front = {"moov_size": str(room)} if room else {"movflags": "+faststart"}
    with av.open(str(source)) as src, av.open(str(output), "w", format="mp4",
                                              options=front) as out:
        video_in = src.streams.video[0]
        audio_in = src.streams.audio[0] if src.streams.audio else None
        video = out.add_stream_from_template(video_in)
        video.time_base = Fraction(1, index.timescale)
        if edges.sps:
            config = h264.read_config(bytes(video_in.codec_context.extradata))
            video.codec_context.extradata = config.with_sets(edges.sps, edges.pps).to_bytes()
        audio = out.add_stream_from_template(audio_in) if audio_in is not None else None
        decoded = [0]

        def put(packet, shown: int) -> None:
            if decoded[0] - delay > shown - plan.first:
                raise MediaError("The re-encoded pictures came out of order.")
            packet.stream = video
            packet.time_base = video.time_base
            packet.pts = (shown - plan.first) * frame
            packet.dts = (decoded[0] - delay) * frame
            decoded[0] += 1
            out.mux(packet)

        def put_encoded(samples: list) -> None:
            for data, shown, key in samples:
                packet = av.Packet(data)
                packet.is_keyframe = key
                put(packet, shown)

        put_encoded(head)
        copied, total = 0, plan.copy[1] - plan.copy[0]
        begin = plan.decode_from[0] if plan.head[0] < plan.head[1] else plan.first
        src.seek(index.display[plan.shown[begin]], stream=video_in, backward=True,
                 any_frame=False)
        streams = [video_in] + ([audio_in] if audio_in is not None else [])
        audio_shift = round(seconds / audio_in.time_base) if audio_in is not None else 0
        audio_end = round(end / audio_in.time_base) if audio_in is not None else 0
        for packet in src.demux(*streams):
            if packet.pts is None:
                continue
            if packet.stream is video_in:
                expected = (index.display[plan.copy[0] + copied] if copied < total else None)
                if copied < total and packet.pts == expected:
                    put(packet, position[plan.copy[0] + copied])
                    copied += 1
                    if copied % TICK_PACKETS == 0:
                        report(copied / total)
            elif packet.pts + 2 * (packet.duration or 0) > audio_shift and packet.pts < audio_end:
                # from one packet before the in point's: the decoder's pre-roll, which the
                # edit list hides
                packet.stream = audio
                packet.pts -= audio_shift
                packet.dts = packet.pts
                out.mux(packet)
            elif packet.pts >= audio_end and copied >= total:
                break
            if audio_in is None and copied >= total:
                break
        if copied < total:  # the demuxer's times are not the index's: the caller encodes
            raise Unsafe("packet times that differ from the index's")
        for part in edges.tail:
            put_encoded(part.result())
