"""Damaged decks and deck bombs: a one-line refusal naming what is wrong, nothing imported,
never another exception, never a traceback, and memory that stays small."""

import random
import subprocess
import sys
import zipfile

import pytest
from cli_runner import studio

from studio import commands
from studio.errors import ImportFileError
from studio.media.pptx_import import import_deck
from studio.store import Project
from tests.conftest import dump_project
from tests.slides_decks import build_deck, tone
from tests.zip_bombs import PEAK_MEMORY, MiB, deck_bomb

MEASURE = PEAK_MEMORY + """
from pathlib import Path
from studio import commands
from studio.errors import ImportFileError
from studio.media.pptx_import import import_deck
from studio.store import Project
start = time.monotonic()
with Project.create(Path(sys.argv[2]), "B") as project:
    lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
    try:
        import_deck(project, Path(sys.argv[1]), lesson_id=lesson, renderer=sys.argv[3])
        message = "imported"
    except ImportFileError as exc:
        message = exc.message
print(time.monotonic() - start, peak())
print(message)
"""


@pytest.fixture(scope="module")
def good_deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    return build_deck(folder / "deck.pptx", audio=tone(folder / "a.m4a", 1.0))


def test_decks_with_random_damage_import_cleanly_or_are_refused_in_one_line(tmp_path,
                                                                          good_deck):
    data = good_deck.read_bytes()
    rng = random.Random(20261130)
    named_parts = 0
    with Project.create(tmp_path / "D.course", "D") as project:
        lesson = commands.add_lesson(project, commands.add_module(project, "M"), "L")
        for number in range(20):
            damaged = bytearray(data)
            for _ in range(1 + number % 3):  # 64 random bytes at one to three offsets
                offset = rng.randrange(len(damaged) - 64)
                damaged[offset:offset + 64] = rng.randbytes(64)
            deck = tmp_path / f"deck{number}.pptx"
            deck.write_bytes(bytes(damaged))
            before = dump_project(project)
            try:
                import_deck(project, deck, lesson_id=lesson, renderer="builtin")
            except ImportFileError as exc:
                message = str(exc)
                assert message.startswith(deck.name) and "\n" not in message, message
                assert dump_project(project) == before
                named_parts += " is damaged: ppt/" in message or "[Content_Types]" in message
    assert named_parts >= 10  # most damage lands in a part, and the refusal names it


def test_a_damaged_part_is_named_in_the_refusal(tmp_path, good_deck):
    data = bytearray(good_deck.read_bytes())
    with zipfile.ZipFile(good_deck) as archive:
        info = archive.getinfo("ppt/slides/slide1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start:start + 64] = random.Random(3).randbytes(64)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(bytes(data))
    with Project.create(tmp_path / "D.course", "D") as project:
        with pytest.raises(ImportFileError) as caught:
            import_deck(project, deck, renderer="builtin")
    assert str(caught.value).startswith("deck.pptx is damaged: ppt/slides/slide1.xml cannot "
                                        "be read (")
    course = tmp_path / "C.course"
    studio("new", course, "--title", "C")
    done = studio("import", course, deck, "--new-lesson", "L", check=False, timeout=300)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"studio: {caught.value}"]


@pytest.mark.parametrize(("parts", "size", "words"), [
    (1500, MiB - 1, "which only zip bombs do"),  # each part under the per-part limit
    (2100, MiB - 1, "would unpack to 2.05 GiB"),  # and over the total as well
])
@pytest.mark.parametrize("renderer", ["builtin", "auto"])
def test_deck_bombs_are_refused_before_reading_in_little_memory(tmp_path, good_deck, parts,
                                                                size, words, renderer):
    bomb = deck_bomb(good_deck, tmp_path / "bomb.pptx", parts, size)
    assert bomb.stat().st_size < 3 * MiB
    done = subprocess.run([sys.executable, "-c", MEASURE, bomb, tmp_path / "B.course",
                           renderer], capture_output=True, text=True, timeout=300, check=True)
    figures, message = done.stdout.splitlines()[:2]
    seconds, peak = figures.split()
    assert message.startswith("bomb.pptx ") and words in message, message
    assert float(seconds) < 20
    assert int(peak) < 200 * MiB, f"peak memory {int(peak) / MiB:.0f} MiB"
