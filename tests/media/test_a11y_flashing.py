"""Flashes in videos (WCAG 2.2 SC 2.3.1): planted clips made with ffmpeg's lavfi sources,
flashing black and white 5 times a second, red on grey, in a corner too small to count, or
not at all."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from studio.a11y.findings import FAIL, PASS, REVIEW
from studio.a11y.verdicts import judge_all
from studio.errors import Cancelled, MediaError
from studio.jobs import CancelToken
from studio.media import flashing
from studio.media.a11y_media import media_findings, package_media_findings
from studio.media.ffmpeg import find_ffmpeg
from studio.media.flashing import analyse_flashes, cached_analysis, grid_for
from studio.model import Asset, Course, ItemKind, Lesson, Module, Question, Quiz, VideoClip

FIVE_A_SECOND = "lt(mod(T\\,0.2)\\,0.1)"  # white for 0.1 s, black for 0.1 s
BETWEEN_1_AND_3 = "between(T\\,1\\,2.999)"
# name -> lavfi filter graph after a colour source of the size and length given
CLIPS = {
    "flash.mp4": (4, f"format=gray,geq=lum='if({FIVE_A_SECOND}\\,255\\,0)'"),
    "middle.mp4": (5, f"format=gray,geq=lum='if({BETWEEN_1_AND_3}*{FIVE_A_SECOND}\\,255\\,0)'"),
    "three.mp4": (4, "format=gray,geq=lum='if(lt(mod(T\\,1/3)\\,1/6)\\,255\\,0)'"),
    "three_and_a_half.mp4": (4, "format=gray,geq=lum='if(lt(mod(T\\,2/7)\\,1/7)\\,255\\,0)'"),
    "red.mp4": (3, f"format=rgb24,geq=r='if({FIVE_A_SECOND}\\,255\\,127)'"
                   f":g='if({FIVE_A_SECOND}\\,0\\,127)':b='if({FIVE_A_SECOND}\\,0\\,127)'"),
    # a 30 x 30 px square of 320 x 240: under a quarter of a 10 degree field (107 x 80 px)
    "corner.mp4": (3, f"format=gray,geq=lum='if(lt(X\\,30)*lt(Y\\,30)*{FIVE_A_SECOND}\\,255\\,0)'"),
    "square.mp4": (3, f"format=gray,geq=lum='if(lt(X\\,80)*lt(Y\\,80)*{FIVE_A_SECOND}\\,255\\,0)'"),
}


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("flashing")
    ffmpeg = find_ffmpeg().path
    for name, (seconds, graph) in CLIPS.items():
        subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"color=c=black:s=320x240:r=25:d={seconds},{graph}",
                        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                        str(folder / name)], check=True)
    subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=s=320x240:r=25:d=4", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=4", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", str(folder / "calm.mp4")], check=True)
    return folder


def test_a_clip_flashing_five_times_a_second_fails_over_its_whole_length(clips):
    analysis = analyse_flashes(clips / "flash.mp4")
    assert analysis.seconds == pytest.approx(4.0, abs=0.05)
    ((start, end),) = analysis.general
    assert start == pytest.approx(0.1, abs=0.05) and end == pytest.approx(3.9, abs=0.05)
    assert analysis.most_flashes == 5 and analysis.fails


def test_the_failing_seconds_are_where_the_flashing_is(clips):
    ((start, end),) = analyse_flashes(clips / "middle.mp4").general
    assert start == pytest.approx(1.0, abs=0.05) and end == pytest.approx(2.9, abs=0.05)
    # a cut from 0.5 s: the seconds count from the cut's start
    ((start, end),) = analyse_flashes(clips / "middle.mp4", 0.5, 4.0).general
    assert start == pytest.approx(0.5, abs=0.05) and end == pytest.approx(2.4, abs=0.05)
    assert analyse_flashes(clips / "middle.mp4", 3.2, 5.0).general == ()


def test_three_flashes_a_second_is_the_most_allowed(clips):
    analysis = analyse_flashes(clips / "three.mp4")
    assert analysis.general == () and analysis.most_flashes == 3
    # seven transitions a second: the seventh starts a fourth flash
    assert analyse_flashes(clips / "three_and_a_half.mp4").general != ()


def test_red_on_grey_of_the_same_luminance_is_a_red_flash_only(clips):
    analysis = analyse_flashes(clips / "red.mp4")
    assert analysis.general == ()
    assert len(analysis.red) == 1 and analysis.red[0][1] > 2.5


def test_flashing_counts_only_over_a_quarter_of_a_ten_degree_field(clips):
    assert grid_for(320, 240) == ((24, 24), (8, 8))
    assert analyse_flashes(clips / "corner.mp4").general == ()
    assert analyse_flashes(clips / "square.mp4").general != ()


def test_a_calm_clip_passes(clips):
    analysis = analyse_flashes(clips / "calm.mp4")
    assert not analysis.fails and analysis.most_flashes <= 3


def clip_course(clips: Path, cuts: dict[str, tuple[str, float, float]], more=()) -> Course:
    assets = {name: Asset(name, f"sha-{name}", name, name, "video", 1, 5.0, 320, 240)
              for name in ("flash.mp4", "middle.mp4", "calm.mp4", "red.mp4")}
    items = tuple(VideoClip(item, ItemKind.VIDEO, item.title(), "l1", asset_id=asset,
                            in_point=start, out_point=end)
                  for item, (asset, start, end) in cuts.items()) + tuple(more)
    return Course("c1", "Flashing", modules=(Module("m1", "Module", (
        Lesson("l1", "Lesson", "m1", items),)),), assets=assets)


@pytest.fixture
def bundle(clips, tmp_path) -> Path:
    (tmp_path / "media").symlink_to(clips, target_is_directory=True)
    return tmp_path


def test_the_flashing_clip_turns_exactly_2_3_1_to_does_not_support(bundle):
    course = clip_course(bundle / "media", {"intro": ("calm.mp4", 0.0, 4.0),
                                            "strobe": ("middle.mp4", 0.5, 4.5)})
    findings = media_findings(course, bundle)
    flashes = [f for f in findings if f.criterion == "2.3.1"]
    assert [(f.outcome, f.item) for f in flashes] == [(FAIL, "strobe"), (PASS, None)]
    assert "“Strobe”" in flashes[0].text and "0.5–2.4 s" in flashes[0].text
    assert "1 of 2 videos (4.0 s analysed" in flashes[1].text
    verdicts = {r.criterion.id: r.verdict for r in judge_all(findings)}
    assert [c for c, v in verdicts.items() if v == "does-not-support"] == ["2.3.1"]


def test_a_calm_course_passes_and_its_analyses_are_cached(bundle, monkeypatch):
    course = clip_course(bundle / "media", {"intro": ("calm.mp4", 0.0, 4.0)})
    first = media_findings(course, bundle)
    assert [(f.outcome, f.item) for f in first if f.criterion == "2.3.1"] == [(PASS, None)]
    assert list((bundle / "cache" / "a11y").glob("flashes-*.json"))

    def no_decoding(*args, **kwargs):
        raise AssertionError("decoded again")

    monkeypatch.setattr(flashing, "analyse_flashes", no_decoding)
    assert media_findings(course, bundle) == first


def test_a_missing_or_broken_video_asks_for_a_look(bundle, tmp_path):
    (tmp_path / "broken.mp4").write_bytes(b"not a video")
    course = clip_course(bundle / "media", {"gone": ("flash.mp4", 0.0, 4.0)})
    findings = media_findings(course, tmp_path / "elsewhere")
    assert [(f.criterion, f.outcome, f.item) for f in findings if f.criterion == "2.3.1"] == \
        [("2.3.1", REVIEW, "gone")]
    with pytest.raises(MediaError):
        cached_analysis(None, "", tmp_path / "broken.mp4")


def test_a_package_s_videos_are_analysed_on_their_file_s_timeline(clips):
    data = {"modules": [{"lessons": [{"items": [
        {"id": "v1", "kind": "video", "title": "Strobe", "src": "middle.mp4",
         "start": 0.5, "end": 4.5},
        {"id": "v2", "kind": "video", "title": "Escape", "src": "../middle.mp4"},
        {"id": "s1", "kind": "slide", "title": "Slide", "image": "media/s.png"},
        {"id": "q", "kind": "quiz", "title": "Quiz", "questions": [
            {"id": "q1", "prompt": "Which?", "media": "calm.mp4", "mediaKind": "video"}]},
    ]}]}]}
    findings = package_media_findings(clips, data)
    # the escaping path cannot be read: whether it has sound is asked too
    assert [(f.criterion, f.outcome, f.item) for f in findings] == [
        ("1.2.2", REVIEW, "v2"), ("1.4.3", REVIEW, "s1"), ("2.3.1", FAIL, "v1"),
        ("2.3.1", REVIEW, "v2"), ("2.3.1", PASS, None)]
    assert "1 of 3 videos" in findings[4].text
    assert "0.5–2.4 s" in findings[2].text


def test_a_package_s_clips_with_sound_need_captions(clips):
    data = {"modules": [{"lessons": [{"items": [
        {"id": "v1", "kind": "video", "title": "Talk", "src": "calm.mp4", "captions": []},
        {"id": "v2", "kind": "video", "title": "Talk again", "src": "calm.mp4",
         "captions": [{"src": "media/talk.en.vtt", "lang": "en", "label": "English"}]},
        {"id": "v3", "kind": "video", "title": "Silent", "src": "three.mp4", "captions": []},
    ]}]}]}
    captions = [f for f in package_media_findings(clips, data) if f.criterion == "1.2.2"]
    assert [(f.outcome, f.item) for f in captions] == [(FAIL, "v1"), (PASS, None)]
    assert captions[0].text.startswith("Clip “Talk” has sound but the package holds no "
                                       "captions")
    assert captions[1].text == "1 of 2 clips with sound in the package have captions."
    rows = {r.criterion.id: r.verdict for r in judge_all(captions, ())}
    assert rows["1.2.2"] == "does-not-support"


def test_analysis_speed(clips, capsys):
    """Seconds of video analysed per second of processor time (printed; a floor only)."""
    started = time.process_time()
    analysis = analyse_flashes(clips / "calm.mp4")
    spent = time.process_time() - started
    with capsys.disabled():
        print(f"\nflash analysis: {analysis.seconds / spent:.0f} s of 320x240 video per CPU s")
    assert analysis.seconds / spent > 2


def test_a_question_s_video_and_red_flashes_are_named(bundle):
    question = Question("q1", "truefalse", "Did the light change colour?",
                        data={"media": "red.mp4", "answer": True})
    quiz = Quiz("quiz", ItemKind.QUIZ, "Check", "l1", questions=(question,))
    findings = media_findings(clip_course(bundle / "media", {}, [quiz]), bundle)
    (fail,) = [f for f in findings if f.outcome == FAIL]
    assert fail.item == "quiz" and "red flashes" in fail.text
    assert "Check: the video of the question “Did the light change colour?”" in fail.text


def test_the_check_reports_progress_and_can_be_cancelled(bundle):
    course = clip_course(bundle / "media", {"intro": ("calm.mp4", 0.0, 4.0)})
    seen: list[float] = []
    media_findings(course, bundle, lambda fraction, message="": seen.append(fraction),
                   cache_dir=bundle / "fresh-cache")
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 10
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        media_findings(course, bundle, token=token, cache_dir=bundle / "other-cache")
