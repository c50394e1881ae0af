"""`studio voices`: engines with availability and why not, their voices, the language and
engine filters, JSON, and the piper voice-file check."""

from __future__ import annotations

import json

from cli_runner import run_main, studio

from studio.media.voices import ENGINES


def test_voices_lists_every_engine_with_its_state_and_voices():
    done = studio("voices")
    blocks = done.stdout.strip().split("\n\n")
    assert [b.split(":")[0] for b in blocks] == list(ENGINES)
    espeak = blocks[0].splitlines()
    assert espeak[0].startswith("espeak-ng: available, version ")
    assert "  en-us: English (America) (male) [en-us, en]" in espeak
    for block, engine in zip(blocks, ENGINES.values(), strict=True):
        reason = engine.available()
        if reason is not None:
            assert block == f"{engine.name}: not available: {reason}"


def test_language_and_engine_filters():
    done = run_main("voices", "--engine", "espeak-ng", "--language", "de-AT")
    assert done.returncode == 0
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("espeak-ng: available")
    assert lines[1:] and all("[de" in line for line in lines[1:])
    done = run_main("voices", "--engine", "festival", "--language", "ja")
    assert done.returncode == 0
    assert "  no voice for ja" in done.stdout or "festival: not available" in done.stdout


def test_json_has_every_engine_and_voice_field():
    data = json.loads(run_main("voices", "--json").stdout)
    rows = {row["name"]: row for row in data["engines"]}
    assert list(rows) == list(ENGINES)
    espeak = rows["espeak-ng"]
    assert espeak["available"] and espeak["reason"] is None and espeak["accepts_phonemes"]
    assert espeak["version"] == ENGINES["espeak-ng"].version()
    assert {"id": "en-us", "name": "English (America)", "languages": ["en-us", "en"],
            "gender": "male"} in espeak["voices"]
    for row in rows.values():
        assert row["available"] == (row["reason"] is None)
        assert row["available"] or (row["voices"] == [] and row["version"] is None)


def test_an_unknown_engine_is_refused_in_one_line():
    done = run_main("voices", "--engine", "nope")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        'studio: There is no voice engine "nope" (engines: espeak-ng, festival, system, piper).']


def test_a_piper_voice_file_is_checked(tmp_path):
    voice = tmp_path / "narrator.onnx"
    voice.write_bytes(b"\x08\x07\x12\x07pytorch")
    done = run_main("voices", "--engine", "piper", "--voice-file", voice)
    assert done.returncode == 1
    assert done.stderr.strip() == ("studio: narrator.onnx has no narrator.onnx.json beside it: "
                                   "piper voices come with that config file.")
    (tmp_path / "narrator.onnx.json").write_text(
        json.dumps({"phoneme_id_map": {}, "language": {"code": "en_GB"}}), encoding="utf-8")
    done = run_main("voices", "--engine", "piper", "--voice-file", voice)
    assert done.returncode == 0
    assert done.stdout.strip().splitlines()[-1] == f"{voice}: a piper voice, narrator [en-gb]"
    data = json.loads(run_main("voices", "--engine", "piper", "--voice-file", voice,
                               "--json").stdout)
    assert data["voice_file"] == {"id": str(voice), "name": "narrator", "languages": ["en-gb"],
                                  "gender": ""}
