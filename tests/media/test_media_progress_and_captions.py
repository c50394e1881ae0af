"""Pure parts of the media engine: ffmpeg's progress output (recorded), loudness, captions."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.errors import ImportFileError
from studio.media.captions import (
    Cue,
    cut_to_clip,
    decode_caption_bytes,
    parse_captions,
    read_captions,
    write_vtt,
)
from studio.media.ffmpeg_args import PRESETS, output_rate, output_size, parse_loudness
from studio.media.progress import (
    describe,
    eta_seconds,
    fraction_done,
    parse_progress,
    report_from_fields,
)

RECORDED = Path(__file__).parents[1] / "data" / "ffmpeg"


def test_recorded_encode_progress():
    reports = parse_progress((RECORDED / "progress_encode.txt").read_text().splitlines())
    assert len(reports) > 20 and reports[-1].done and not any(r.done for r in reports[:-1])
    assert reports[-1].out_time == pytest.approx(4.0) and reports[-1].frame == 100
    times = [r.out_time for r in reports if r.out_time is not None]
    assert max(times) == pytest.approx(4.0)
    assert any(r.speed is None for r in reports)  # "speed=N/A" early on is tolerated
    fractions = [fraction_done(r, 4.0) for r in reports]
    assert fractions[-1] == 1.0 and all(0 <= f <= 1 for f in fractions)


def test_recorded_stream_copy_progress_is_one_final_report():
    reports = parse_progress((RECORDED / "progress_copy.txt").read_text().splitlines())
    assert [r.done for r in reports] == [True] and reports[0].total_size > 0


def test_progress_fields_fallbacks():
    assert report_from_fields({"out_time": "00:01:02.500000"}).out_time == pytest.approx(62.5)
    assert report_from_fields({"out_time_us": "N/A", "out_time": "N/A"}).out_time is None
    assert report_from_fields({"out_time_us": "-23220"}).out_time == 0.0
    assert report_from_fields({"speed": "1.5x"}).speed == 1.5


def test_eta():
    assert eta_seconds(10.0, 0.25) == pytest.approx(30.0)
    assert eta_seconds(0.0, 0.0) is None and eta_seconds(5.0, 1.0) == 0.0
    assert describe(0.5, 75) == "50 %, 1:15 left" and describe(0.1, None) == "10 %"


def test_recorded_loudness_measurement():
    measured = parse_loudness((RECORDED / "loudnorm_pass1.log").read_text())
    assert measured["input_i"] == pytest.approx(-21.8)
    assert set(measured) == {"input_i", "input_tp", "input_lra", "input_thresh", "target_offset"}
    silent = '{\n "input_i" : "-inf", "input_tp" : "-inf", "input_lra" : "0.00",' \
             ' "input_thresh" : "-70.00", "target_offset" : "inf"\n}'
    assert parse_loudness(silent) is None


@pytest.mark.parametrize("size, preset, expected", [
    ((1920, 1080), "720p", (1280, 720)),
    ((1080, 1920), "720p", (720, 1280)),  # portrait keeps its orientation
    ((3840, 2160), "480p", (854, 480)),
    ((321, 241), "720p", (320, 240)),  # never enlarged, always even
    ((1440, 1080), "1080p", (1440, 1080)),
])
def test_output_sizes(size, preset, expected):
    assert output_size(*size, PRESETS[preset]) == expected


def test_output_rates():
    assert output_rate({"frame_rate": 29.97, "vfr": False}) == pytest.approx(29.97, abs=0.001)
    assert output_rate({"frame_rate": 27.6, "vfr": True}) == 28
    assert output_rate({"frame_rate": 120.0, "vfr": False}) == 60


SRT = """1
00:00:01,000 --> 00:00:03,500
Bonjour à tous

2
00:00:04,000 --> 00:00:09,000
Second line
of text

3
00:00:10,000 --> 00:00:12,000
Third
"""


def test_srt_in_any_encoding_reads_the_same(tmp_path):
    expected = parse_captions(SRT)
    assert [c.start for c in expected] == [1.0, 4.0, 10.0]
    assert expected[1].text == "Second line\nof text"
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252"):
        path = tmp_path / f"subs-{encoding}.srt"
        path.write_bytes(SRT.replace("\n", "\r\n").encode(encoding))
        assert read_captions(path) == expected, encoding
    assert decode_caption_bytes("é".encode("utf-16-le") + "x".encode("utf-16-le")) == "éx"


def test_webvtt_with_header_notes_and_settings():
    text = ("WEBVTT - lesson 1\n\nNOTE made by hand\n\nintro\n00:01.000 --> 00:02.000 align:start\n"
            "Hello\n\n01:00:00.000 --> 01:00:01.250\nLate\n")
    cues = parse_captions(text)
    assert cues == [Cue(1.0, 2.0, "Hello", "align:start", "intro"), Cue(3600.0, 3601.25, "Late")]


def test_bad_cues_are_all_reported_with_line_numbers():
    text = SRT + "\n4\n00:00:13,000 -> 00:00:14,000\nArrow\n\n5\n00:00:20,000 --> 00:00:19,000\n" \
                 "Backwards\n\nno timing here\n"
    with pytest.raises(ImportFileError) as caught:
        parse_captions(text, "lesson.srt")
    message = caught.value.message
    assert message.startswith("lesson.srt has bad cues")
    assert "line 14: no 'start --> end' timing line" in message  # "->" is not a timing
    assert "line 19: the cue ends before it starts" in message
    assert "line 22: no 'start --> end' timing line" in message
    with pytest.raises(ImportFileError):
        parse_captions("WEBVTT\n\n", "empty.vtt")


def test_cues_follow_the_trim():
    cues = parse_captions(SRT)
    assert cut_to_clip(cues, 3.0, 11.0) == [
        Cue(0.0, 0.5, "Bonjour à tous"), Cue(1.0, 6.0, "Second line\nof text"),
        Cue(7.0, 8.0, "Third")]
    assert cut_to_clip(cues, 9.2, 9.8) == []


def test_written_webvtt_reads_back():
    cues = [Cue(0.0, 1.5, "One"), Cue(61.25, 3725.5, "Two --> lines\n\nwith a gap")]
    text = write_vtt(cues)
    assert text.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nOne\n")
    assert "01:02:05.500" in text
    # the arrow is kept, escaped, so it shows as written and cannot read as a timing
    assert parse_captions(text) == [cues[0], Cue(61.25, 3725.5, "Two --&gt; lines\nwith a gap")]
