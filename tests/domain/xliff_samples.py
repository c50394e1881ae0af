"""Segments and stored translations for the XLIFF tests, and the official schemas to validate
what we write (tests/data/xliff, kept byte for byte; their imports of the W3C xml.xsd are
resolved to the local copy here, never over the network)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from studio.translation.units import Segment, SegmentState, Translation, source_hash
from studio.translation.xliff import write_xliff

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "xliff"
SCHEMA_FILES = {"1.2": "xliff-core-1.2-strict.xsd", "2.0": "xliff_core_2.0.xsd"}
COURSE = "crs_safety"
TITLE = "Safety at work"


class _LocalXmlXsd(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url.endswith("xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


@cache
def schema(version: str) -> etree.XMLSchema:
    """The official schema of an XLIFF version ("1.2" strict, "2.0" core)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / SCHEMA_FILES[version]), parser))


def assert_valid(data: bytes, version: str) -> None:
    """Fails with the schema's messages when ``data`` does not validate."""
    checker = schema(version)
    if not checker.validate(etree.fromstring(data)):
        raise AssertionError(f"XLIFF {version} invalid:\n{checker.error_log}")


def segment(segment_id: str, text: str, note: str = "", max_length: int | None = None) -> Segment:
    owner, field = segment_id.split(".")[:2]
    return Segment(segment_id, text, owner, None if owner in {"course", "player"} else owner,
                   field, note, max_length)


SEGMENTS = (
    segment("course.title", "Safety at work", "Course title", 200),
    segment("course.description.0", "Learn the basics of safety.", "Course description"),
    segment("itm_intro.title", "Welcome", "Item title, lesson Basics", 200),
    segment("itm_intro.text.0", "Press <b>Start</b> to begin, {learner}.",
            "Slide text, slide Welcome"),
    segment("itm_intro.text.1", "Read <i>each</i> rule, then <i>act</i>.",
            "Slide text, slide Welcome"),
    segment("itm_clip.caption.0", "Wear <i>gloves</i>\nat all times.", "Caption cue 1, clip Gloves",
            84),
    segment("q_1.prompt", "Which item protects your <b>hands</b>?", "Question prompt"),
    segment("q_1.choices.0.text", "Gloves", "Choice 1"),
    segment("q_1.choices.0.feedback", "Right: gloves protect your hands.", "Choice 1 feedback"),
    segment("player.next", "Next", "Player button", 24),
)

FRENCH = {
    "course.title": "La sécurité au travail",
    "course.description.0": "Apprenez les bases de la sécurité.",
    "itm_intro.title": "Bienvenue",
    "itm_intro.text.0": "{learner}, appuyez sur <b>Démarrer</b> pour commencer.",
    "itm_intro.text.1": "Lisez <i>chaque</i> règle, puis <i>agissez</i>.",
    "itm_clip.caption.0": "Portez des <i>gants</i>\nen permanence.",
    "q_1.prompt": "Quel équipement protège vos <b>mains</b> ?",
    "q_1.choices.0.text": "Des gants",
    "q_1.choices.0.feedback": "Exact : les gants protègent vos mains.",
    "player.next": "Suivant",
}


def by_id(segment_id: str) -> Segment:
    return next(item for item in SEGMENTS if item.id == segment_id)


def translation(segment_id: str, text: str, source: str | None = None) -> Translation:
    """A French translation made from ``source`` (the segment's current text by default)."""
    made_from = by_id(segment_id).text if source is None else source
    return Translation("fr", segment_id, text, source_hash(made_from), made_from)


def mixed_states() -> dict[str, tuple[SegmentState, Translation | None]]:
    """Every state: most segments current, two need review (source edited since), two new."""
    states: dict[str, tuple[SegmentState, Translation | None]] = {
        segment_id: (SegmentState.CURRENT, translation(segment_id, text))
        for segment_id, text in FRENCH.items()}
    states["itm_intro.text.1"] = (SegmentState.NEEDS_REVIEW, translation(
        "itm_intro.text.1", "Lisez <i>chaque</i> règle, puis <i>agissez</i> vite.",
        source="Read <i>each</i> rule, then <i>act</i> fast."))
    states["q_1.choices.0.feedback"] = (SegmentState.NEEDS_REVIEW, translation(
        "q_1.choices.0.feedback", "Exact.", source="Right."))
    states["q_1.prompt"] = (SegmentState.NEW, None)
    del states["player.next"]
    return states


def write(version: str = "1.2", **options) -> bytes:
    """The sample course's French XLIFF; ``options`` go to write_xliff."""
    arguments = {"course_id": COURSE, "course_title": TITLE, "source_language": "en",
                 "target_language": "fr", "segments": SEGMENTS, "states": mixed_states(),
                 "version": version}
    arguments.update(options)
    return write_xliff(**arguments)
