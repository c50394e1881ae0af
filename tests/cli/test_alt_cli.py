"""`studio alt`: list a deck slide's pictures, describe one, or mark it decorative."""

from __future__ import annotations

from studio.media.pptx_import import import_deck
from studio.store import Project
from tests.cli_runner import run_main
from tests.slides_decks import build_picture_deck


def test_alt_lists_describes_and_marks_pictures(tmp_path):
    course = tmp_path / "A.course"
    with Project.create(course, "Exits") as project:
        item = import_deck(project, build_picture_deck(tmp_path / "exits.pptx"),
                           new_lesson="Deck", renderer="builtin").added[0]
    listed = run_main("alt", course, item)
    assert listed.returncode == 0
    assert listed.stdout.splitlines()[:3] == [
        "1. Picture 3: 'A red and blue sign'", "2. Picture 4: NO DESCRIPTION",
        "3. Picture 5: decorative"]
    assert run_main("alt", course, item, 2, "An exit sign").returncode == 0
    assert run_main("alt", course, item, 4, "--decorative").returncode == 0
    with Project.open(course) as project:
        pictures = project.course().find(item).pictures
    assert [(p.alt, p.decorative) for p in pictures] == [
        ("A red and blue sign", False), ("An exit sign", False), ("", True), ("", True)]
    refused = run_main("alt", course, item, 9, "Nothing there")
    assert refused.returncode != 0 and "no picture 9" in refused.stderr
    both = run_main("alt", course, item, 1, "x", "--decorative")
    assert both.returncode != 0 and "not both" in both.stderr
