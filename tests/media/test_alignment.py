"""Forced alignment of a known script, and placeholders without one, on synthesised speech
whose sentence timings are known."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from studio.errors import MediaError
from studio.media.alignment import REVIEW_BELOW, AlignmentError, align, placeholders, recognisers
from studio.media.alignment.silence import snap_to_speech, speech_runs
from studio.media.alignment.words import espeak_phones, ipa_to_arpabet, words
from studio.model import SpokenSentence
from tests.speech_fixtures import SCRIPT, WRONG_SCRIPT, build_speech, voice_available

SHORT = SCRIPT[:3]


def _fixture(tmp_path_factory, voice: str, script=SHORT):
    if not voice_available(voice):
        pytest.skip(f"{voice} is not installed")
    path = tmp_path_factory.mktemp(voice) / "speech.wav"
    return path, build_speech(script, path, voice)


@pytest.fixture(scope="module")
def festival_speech(tmp_path_factory):
    return _fixture(tmp_path_factory, "festival")


@pytest.fixture(scope="module")
def espeak_speech(tmp_path_factory):
    return _fixture(tmp_path_factory, "espeak")


def _start_errors(alignment, truth) -> list[float]:
    return [abs(s.start - t[0]) for s, t in zip(alignment.sentences, truth, strict=True)]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@pytest.mark.parametrize("speech", ["festival_speech", "espeak_speech"])
def test_caption_starts_land_within_the_targets(speech, request):
    path, truth = request.getfixturevalue(speech)
    result = align(path, "\n".join(SHORT), "en-US")
    errors = _start_errors(result, truth)
    assert result.method == "pocketsphinx"
    assert [s.text for s in result.sentences] == list(SHORT)
    assert statistics.median(errors) <= 0.100, errors
    assert _p95(errors) <= 0.250, errors
    for sentence, (_, end) in zip(result.sentences, truth, strict=True):
        assert sentence.start < sentence.end
        assert abs(sentence.end - end) <= 0.3
        assert sentence.words and sentence.words[0][0] == sentence.start
        assert 0.0 <= sentence.confidence <= 1.0
        assert sentence.review == (sentence.confidence < REVIEW_BELOW)


def test_natural_speech_of_its_script_needs_no_review(festival_speech):
    path, _ = festival_speech
    result = align(path, " ".join(SHORT), "en")
    assert result.review_count == 0, [s.confidence for s in result.sentences]


def test_a_script_that_was_not_spoken_is_marked_for_review(festival_speech, espeak_speech):
    for path, _ in (festival_speech, espeak_speech):
        result = align(path, "\n".join(WRONG_SCRIPT[:3]), "en")
        assert result.review_count == 3
        assert all(s.confidence < REVIEW_BELOW for s in result.sentences)
        assert result.sentences[-1].end <= build_end(path)


def build_end(path: Path) -> float:
    return path.stat().st_size / 32000 + 0.01


def test_times_stay_in_order_and_on_the_audio(espeak_speech):
    path, _ = espeak_speech
    result = align(path, "\n".join(SHORT), "en")
    times = [t for s in result.sentences for t in (s.start, s.end)]
    assert times == sorted(times) and times[0] >= 0 and times[-1] <= build_end(path)


def test_words_outside_the_dictionary_are_aligned_by_their_spoken_form(tmp_path):
    if not voice_available("festival"):
        pytest.skip("festival is not installed")
    script = ["Deploy it with Kubernetes and kubectl.", "Then check the dashboard."]
    truth = build_speech(script, tmp_path / "jargon.wav", "festival")
    result = align(tmp_path / "jargon.wav", "\n".join(script), "en")
    assert [w for _, _, w in result.sentences[0].words] == [
        "deploy", "it", "with", "kubernetes", "and", "kubectl"]
    assert max(_start_errors(result, truth)) <= 0.25


def test_a_language_without_an_aligner_is_refused_in_one_line(espeak_speech):
    path, _ = espeak_speech
    with pytest.raises(AlignmentError, match=r"no offline aligner for German \(de\)"):
        align(path, "Guten Tag.", "de")
    with pytest.raises(AlignmentError, match="nothing to align"):
        align(path, "  \n ", "en")


def test_script_words_are_normalised_for_the_dictionary():
    assert words("Don’t stop—now! Version 2, “ready”.") == ["don't", "stop", "now", "version",
                                                         "2", "ready"]
    assert ipa_to_arpabet("kjˈuːbɚnˌiːts") == ["K", "Y", "UW", "B", "ER", "N", "IY", "T", "S"]
    assert ipa_to_arpabet("tʃˈeɪndʒ") == ["CH", "EY", "N", "JH"]


def test_espeak_gives_jargon_a_pronunciation():
    if not voice_available("espeak"):
        pytest.skip("espeak-ng is not installed")
    assert espeak_phones("kubectl")[:3] == ("K", "Y", "UW")


SILENCEDETECT_LOG = """\
[silencedetect @ 0x1] silence_start: 0
[silencedetect @ 0x1] silence_end: 0.61 | silence_duration: 0.61
[silencedetect @ 0x1] silence_start: 3.01
[silencedetect @ 0x1] silence_end: 3.7 | silence_duration: 0.69
[silencedetect @ 0x1] silence_start: 3.75
[silencedetect @ 0x1] silence_end: 4.2 | silence_duration: 0.45
[silencedetect @ 0x1] silence_start: 7.5
"""


def test_speech_runs_are_read_from_the_silencedetect_log():
    assert speech_runs(SILENCEDETECT_LOG, 8.0) == [(0.61, 3.01), (4.2, 7.5)]
    assert speech_runs("", 2.5) == [(0.0, 2.5)]


def test_placeholders_land_on_the_speech_runs(espeak_speech):
    path, truth = espeak_speech
    found = placeholders(path)
    assert len(found) == len(truth)
    for cue, (start, end) in zip(found, truth, strict=True):
        assert cue.text == "" and cue.review and cue.confidence == 0.0
        assert abs(cue.start - start) <= 0.05 and abs(cue.end - end) <= 0.05
    inside = placeholders(path, start=truth[1][0] - 0.5, end=truth[1][1] + 0.5)
    assert len(inside) == 1
    assert abs(inside[0].start - truth[1][0]) <= 0.05 and abs(inside[0].end - truth[1][1]) <= 0.05


def test_recognisers_are_optional_and_need_a_model_the_user_has(tmp_path):
    assert set(recognisers.available()) <= set(recognisers.RECOGNISERS)
    with pytest.raises(MediaError, match="No recogniser called nope"):
        recognisers.recogniser("nope", None)
    for name in recognisers.RECOGNISERS:
        if name not in recognisers.available():
            with pytest.raises(MediaError, match="is not installed"):
                recognisers.recogniser(name, tmp_path)
        else:
            with pytest.raises(MediaError, match="needs a model"):
                recognisers.recogniser(name, tmp_path / "missing.bin")


class _Fake:
    name = "fake"
    package = "json"  # importable everywhere

    def recognise(self, audio, model, language):
        return [recognisers.Heard(0.0, 1.0, "before"), recognisers.Heard(2.0, 3.0, "Hello."),
                recognisers.Heard(3.0, 4.0, "Again."), recognisers.Heard(9.0, 9.5, "after")]


def test_a_plugged_in_recogniser_writes_a_script_for_the_span(monkeypatch, tmp_path):
    monkeypatch.setitem(recognisers.RECOGNISERS, "fake", _Fake())
    model = tmp_path / "model.bin"
    model.write_bytes(b"weights")
    assert "fake" in recognisers.available()
    text = recognisers.transcript("fake", model, tmp_path / "a.wav", "en", 1.5, 5.0)
    assert text == "Hello.\nAgain."


def test_short_pauses_leave_timing_to_the_aligner_and_it_still_meets_the_targets(tmp_path):
    if not voice_available("espeak"):
        pytest.skip("espeak-ng is not installed")
    path = tmp_path / "tight.wav"
    truth = build_speech(SHORT, path, "espeak", noise=0.01, gaps=(0.1, 0.15))
    assert len(placeholders(path)) == 1  # no silence long enough to find the sentences by
    errors = _start_errors(align(path, " ".join(SHORT), "en"), truth)
    assert statistics.median(errors) <= 0.100 and _p95(errors) <= 0.250, errors


def test_a_first_word_stretched_over_silence_starts_where_speech_does():
    stretched = SpokenSentence("First, the log.", 8.2, 11.9, words=(
        (8.2, 9.2, "first"), (9.2, 9.3, "the"), (9.3, 11.9, "log")))
    snapped = snap_to_speech(stretched, [(3.7, 7.4), (8.78, 11.54)])
    assert (snapped.start, snapped.end) == (8.78, 11.54)
    assert snapped.words[0] == (8.78, 9.2, "first") and snapped.words[-1] == (9.3, 11.54, "log")
    assert snap_to_speech(snapped, [(8.78, 11.54)]) == snapped


def test_a_plain_espeak_sentence_is_aligned_whole(tmp_path):
    """Fast, clean synthesised speech once ended the grammar's search before the last word,
    so no word was aligned: 0 confidence, REVIEW, and the end at the end of the file."""
    if not voice_available("espeak"):
        pytest.skip("espeak-ng is not installed")
    import subprocess

    text = ("Start with the outcome you want learners to reach, then build the timeline "
            "backwards.")
    path = tmp_path / "s1.wav"
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True)
    result = align(path, text, "en-US")
    [sentence] = result.sentences
    assert not sentence.review and sentence.confidence >= REVIEW_BELOW
    assert [w for _, _, w in sentence.words][-1] == "backwards"
    assert sentence.end < 4.4  # the file runs to 4.53 s, the last word stops before


def test_the_studios_own_narration_of_a_page_aligns_to_its_end(tmp_path):
    """The sample's "About this course" page, voiced by the studio: every sentence reached,
    none to review, the last one ending where the speech does."""
    if not voice_available("espeak"):
        pytest.skip("espeak-ng is not installed")
    from studio.media.narration_render import narrate
    from studio.media.sample import build_sample
    from studio.narration import item_script

    with build_sample(tmp_path / "T.course") as project:
        course = project.course()
        [page] = [i for i in course.items() if i.title == "About this course"]
        narrate(project, [page.id])
        page = project.course().find(page.id)
        track = page.narration.track(course.language)
        audio = project.media_dir / project.course().assets[track.asset_id].filename
        result = align(audio, item_script(page, course.language, course.language), "en")
    assert [s.text for s in result.sentences] == [s.text for s in track.sentences]
    assert result.review_count == 0, result.sentences
    assert abs(result.sentences[-1].end - track.sentences[-1].end) <= 0.3


def _video_with_short_sound(path: Path, audio_from: float, audio_for: float) -> Path:
    """16.44 s of picture; a tone from 0-5 s and 8 s on of its sound, which starts at
    ``audio_from`` s and lasts ``audio_for`` s, with no sound data around it."""
    import subprocess

    from studio.media.ffmpeg import find_ffmpeg

    tone = "aevalsrc='0.5*sin(2*PI*440*t)*(lt(t,5)+gte(t,8))':d=" + f"{audio_for}:s=44100"
    command = find_ffmpeg().command(
        "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=d=16.44:r=25:s=160x120",
        "-itsoffset", f"{audio_from}", "-f", "lavfi", "-i", tone,
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", str(path))
    subprocess.run(command, check=True, capture_output=True)
    return path


@pytest.mark.parametrize(("audio_from", "audio_for", "runs"), [
    (0.0, 14.55, [(0.0, 5.0), (8.0, 14.55)]),    # the sound ends before the picture
    (2.0, 12.55, [(2.0, 7.0), (10.0, 14.55)]),   # ... and starts after it
])
def test_time_without_sound_data_is_silence_not_a_placeholder(tmp_path, audio_from,
                                                              audio_for, runs):
    video = _video_with_short_sound(tmp_path / "talk.mp4", audio_from, audio_for)
    for start, end in ((0.0, None), (0.0, 16.44), (1.0, 16.2)):
        found = [t for s in placeholders(video, start, end) for t in (s.start, s.end)]
        expected = [t for a, b in runs for t in (max(a, start), b)]
        assert found == pytest.approx(expected, abs=0.05), (start, end)
