"""A small narrated course for export and player tests: a narrated slide with a question at a
cue point and captions in two languages, a narrated page with captions, and a plain page."""

from __future__ import annotations

from pathlib import Path

from media_samples import MediaSamples

from studio import commands
from studio.media.captions import Cue
from studio.media.importer import import_files
from studio.media.slide_narration import attach_narration, store_vtt
from studio.model import NarrationTrack
from studio.store import Project

CUE_S = 0.5  # seconds on the slide's narration (a 1 s tone)


def _captions(project: Project, name: str, lines: tuple[str, str]) -> str:
    return store_vtt(project, [Cue(0.0, 0.5, lines[0]), Cue(0.5, 1.0, lines[1])], name,
                     "captions")


def build_narrated_course(root: Path, samples: MediaSamples) -> tuple[Project, dict[str, str]]:
    """A narrated slide with a question at a cue point (showing a picture) and captions in
    English and French, a narrated page with captions, and a plain page."""
    project = Project.create(root / "Narrated.course", "Narrated course")
    module = commands.add_module(project, "Module")
    lesson = commands.add_lesson(project, module, "Lesson")
    image, picture = (a.asset_id for a in import_files(
        project, [samples["still.png"], samples["still.jpg"]]))
    slide = commands.add_slide(project, lesson, "Exits", asset_id=image, text="Green signs",
                               notes="First sentence. Second sentence.")
    attach_narration(project, slide, samples["voice.m4a"])
    french = _captions(project, "Exits fr", ("Première phrase.", "Deuxième phrase."))
    commands.apply_track(project, slide, NarrationTrack("fr", "aligned", None, french, 1.0))
    cue = commands.add_cue(project, slide, CUE_S, "Check", must_answer=True)
    question = commands.add_question(project, slide, "truefalse", "Green signs?", cue_id=cue,
                                     data={"answer": True, "media": picture})
    page = commands.add_page(project, lesson, "Summary", "First sentence. Second sentence.")
    voice = import_files(project, [samples["voice.mp3"]])[0].asset_id
    english = _captions(project, "Summary en", ("First sentence.", "Second sentence."))
    commands.apply_track(project, page, NarrationTrack("en", "synthesised", voice, english, 1.0))
    plain = commands.add_page(project, lesson, "The end", "Done.")
    return project, {"slide": slide, "cue": cue, "question": question, "page": page,
                     "plain": plain, "picture": picture, "voice": voice}
