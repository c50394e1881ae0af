"""Author-side checks of a course's pictures and time-based media, read from the course
model alone (no media is decoded): text alternatives of slide pictures, slide images and
question pictures (WCAG 2.2 §1.1.1), transcripts of sound (§1.2.1), captions of clips with
sound (§1.2.2), descriptions of what a clip shows (§1.2.3, §1.2.5) and live media (§1.2.4).

Whether a clip has sound is what the probe recorded in its asset's ``info`` at import
(``info["audio"]``, ``info["streams"]``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

from studio.a11y.findings import FAIL, NOT_APPLICABLE, PASS, REVIEW, Finding
from studio.model import Course, Item, Page, Slide, VideoClip
from studio.narration.script import item_script
from studio.quiz.questions import missing_alt
from studio.text import plural

# the deck import's title for a slide without one
NUMBERED_SLIDE = re.compile(r"^slide\s*\d+$", re.IGNORECASE)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg", ".tif", ".tiff")



def same_language(tag: str, course_language: str) -> bool:
    """True when two BCP 47 tags share their primary language subtag ("en-GB", "en")."""
    return tag.split("-")[0].lower() == course_language.split("-")[0].lower()


def has_sound(course: Course, asset_id: str | None) -> bool | None:
    """Whether the asset has an audio stream, as its probe recorded it at import: True for
    a sound file or a video with an audio stream, False for one without, None when the
    asset is missing or its facts were not recorded."""
    asset = course.assets.get(asset_id or "")
    if asset is None:
        return None
    if asset.kind == "audio":
        return True
    info = asset.info or {}
    if "audio" in info:
        return bool(info["audio"])
    streams = info.get("streams")
    if isinstance(streams, list):
        return any(isinstance(s, dict) and s.get("type") == "audio" for s in streams)
    return None


def picture_findings(course: Course, items: Sequence[Item]) -> list[Finding]:
    """WCAG 2.2 §1.1.1 for ``items``: a deck slide's pictures that have no description and
    are not marked decorative, slide images whose only text alternative is a file name, and
    question pictures without alternative text fail; deck slides imported before their
    pictures were read ask for a re-import (review). Ends with one PASS finding counting
    what was checked, or NOT_APPLICABLE when the items show no picture."""
    out: list[Finding] = []
    pictures = described = slides = question_pictures = 0
    for item in items:
        if isinstance(item, Slide) and item.asset_id:
            slides += 1
            out += _slide_image(course, item)
            if item.pictures is None:
                if (item.source or {}).get("kind") == "pptx":
                    out.append(Finding("1.1.1", REVIEW, f"Slide “{item.title}”: its deck "
                                       "pictures were not read when it was imported; "
                                       "re-import the deck to check their descriptions.",
                                       item.id))
                continue
            for number, picture in enumerate(item.pictures, start=1):
                pictures += 1
                if picture.decorative or picture.described:
                    described += 1
                    continue
                name = f" (“{picture.name}”)" if picture.name else ""
                what = f"is described only as “{picture.alt.strip()}”" if picture.alt.strip() \
                    else "has no description"
                out.append(Finding("1.1.1", FAIL, f"Slide “{item.title}”: picture {number}"
                                   f"{name} {what}; describe it or mark it decorative "
                                   "in the slide's Pictures (Properties).", item.id))
        for question in getattr(item, "questions", ()):
            where = missing_alt(question.data, lambda asset_id: _kind(course, asset_id))
            question_pictures += sum(1 for _ in _question_images(course, question.data))
            for place in where:
                out.append(Finding("1.1.1", FAIL, f"“{item.title}”, question “"
                                   f"{_short(question.prompt)}”: the {place} picture has no "
                                   "alternative text; add one in the question editor.",
                                   item.id))
    if not (slides or question_pictures):
        out.append(Finding("1.1.1", NOT_APPLICABLE, "No slide images or question pictures "
                           "in the course content."))
    elif not any(f.outcome == FAIL for f in out):
        parts = [f"{described} of {pictures} deck pictures are described or marked "
                 "decorative" if pictures else "",
                 f"{plural(slides, 'slide image')} with a title and text for screen readers"
                 if slides else "",
                 f"{plural(question_pictures, 'question picture')} with alternative text"
                 if question_pictures else ""]
        out.append(Finding("1.1.1", PASS, "; ".join(p for p in parts if p) + "."))
    return out


def _slide_image(course: Course, slide: Slide) -> list[Finding]:
    """A slide image is announced by its title (the player's alt) followed by the slide's
    text; a title that is a file name or "Slide 3", on a slide without text, describes
    nothing."""
    if slide.text.strip() or not _file_name_like(course, slide):
        return []
    return [Finding("1.1.1", FAIL, f"Slide “{slide.title}”: its only text alternative is a "
                    "file name; give the slide a title that says what it shows, or add its "
                    "text.", slide.id)]


def _file_name_like(course: Course, slide: Slide) -> bool:
    title = slide.title.strip()
    asset = course.assets.get(slide.asset_id or "")
    names = {PurePath(asset.original_name).stem.lower(), asset.original_name.lower()} \
        if asset else set()
    return (not title or title.lower() in names or title.lower().endswith(IMAGE_SUFFIXES)
            or NUMBERED_SLIDE.match(title) is not None)


def _kind(course: Course, asset_id: str) -> str | None:
    asset = course.assets.get(asset_id)
    return asset.kind if asset else None


def _question_images(course: Course, data: Mapping):
    for key in ("media", "image"):
        if isinstance(data.get(key), str) and _kind(course, data[key]) == "image":
            yield data[key]
    for key in ("choices", "items"):
        for entry in data.get(key) or []:
            if isinstance(entry, Mapping) and isinstance(entry.get("media"), str) \
                    and _kind(course, entry["media"]) == "image":
                yield entry["media"]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def clip_findings(course: Course, items: Sequence[Item],
                  files: Mapping[str, Path] | None = None) -> list[Finding]:
    """WCAG 2.2 §1.2.1-§1.2.5 for the clips, narrated slides and narrated pages of
    ``items``. A clip with sound (its asset's probe facts) needs captions in the course
    language, a caption track or aligned captions of its speech (§1.2.2, FAIL without); a
    clip of a sound file or a video without sound needs a text alternative: captions or a
    description (§1.2.1, FAIL without); a narrated slide needs its notes or script as the
    player's transcript (§1.2.1). A video clip with sound and without a description is a
    REVIEW for §1.2.3 and §1.2.5 (only a person knows whether the picture shows what the
    soundtrack does not say); a silent clip is not theirs (its description is
    §1.2.1's). ``files`` (asset id -> file) lets a clip whose file is gone be named for review.
    §1.2.4 is NOT_APPLICABLE: a package holds recorded media only."""
    out = [Finding("1.2.4", NOT_APPLICABLE, "No live media: a course package holds recorded "
                   "media only.")]
    counts = {"captioned": 0, "sound": 0, "video": 0, "described": 0, "narrated": 0,
              "transcribed": 0}
    language = course.language
    for item in items:
        if isinstance(item, VideoClip):
            out += _clip(course, item, language, counts, files)
        elif isinstance(item, Slide | Page) and _narrated(item):
            counts["narrated"] += 1
            script = item_script(item, language, language) if isinstance(item, Slide) \
                else item.text
            if script.strip():
                counts["transcribed"] += 1
            else:
                out.append(Finding("1.2.1", FAIL, f"{item.kind.value.title()} “{item.title}” "
                                   "is narrated but has no transcript; add its speaker notes "
                                   "or text (the player shows them as its transcript).",
                                   item.id))
    out += _summaries(out, counts, language)
    return out


def _narrated(item: Slide | Page) -> bool:
    return bool(item.narration_asset_id) or any(t.asset_id for t in item.narration.tracks)


def _clip(course: Course, clip: VideoClip, language: str, counts: dict,
          files: Mapping[str, Path] | None) -> list[Finding]:
    asset = course.assets.get(clip.asset_id or "")
    if asset is None:
        return []
    if files is not None and clip.asset_id in files and not Path(files[clip.asset_id]).exists():
        return [Finding("1.2.2", REVIEW, f"Clip “{clip.title}”: its media file is missing, so "
                        "its sound could not be checked; re-import it.", clip.id)]
    captions = [t.language for t in clip.captions]
    captions += [t.language for t in clip.narration.tracks if t.captions_asset_id]
    captioned = any(same_language(tag, language) for tag in captions)
    described = bool(clip.description.strip())
    sound = has_sound(course, clip.asset_id)
    out: list[Finding] = []
    if asset.kind == "audio" or sound is False:
        # audio-only or video-only: a text alternative is what §1.2.1 asks for
        what = "sound" if asset.kind == "audio" else "video without sound"
        if captioned or described:
            counts["transcribed"] += 1
        else:
            out.append(Finding("1.2.1", FAIL, f"Clip “{clip.title}” is a {what} with no text "
                               "alternative; add "
                               + ("captions or a description." if asset.kind == "audio" else
                                  "a description in the clip's Properties."), clip.id))
        counts["narrated"] += 1
        if asset.kind == "audio":
            return out
    if sound is None:
        out.append(Finding("1.2.2", REVIEW, f"Clip “{clip.title}”: whether it has sound was "
                           "not recorded at import; re-import it, or check that it has "
                           "captions if it does.", clip.id))
    elif sound:
        counts["sound"] += 1
        if captioned:
            counts["captioned"] += 1
        else:
            others = f" (it has captions in {', '.join(sorted(set(captions)))})" \
                if captions else ""
            out.append(Finding("1.2.2", FAIL, f"Clip “{clip.title}” has sound but no captions "
                               f"in {language}{others}; add captions (SRT/WebVTT) in "
                               "the clip's Properties.", clip.id))
    if sound is False:
        return out  # a silent clip's description is §1.2.1's; §1.2.3 and §1.2.5 are about sound
    counts["video"] += 1
    if described:
        counts["described"] += 1
    else:
        for criterion in ("1.2.3", "1.2.5"):
            out.append(Finding(criterion, REVIEW, f"Clip “{clip.title}” has no description "
                               "of what it shows; if the picture shows what the soundtrack "
                               "does not say, describe it in the clip's Properties "
                               "(Description).", clip.id))
    return out


def _summaries(out: list[Finding], counts: dict, language: str) -> list[Finding]:
    failed = {f.criterion for f in out if f.outcome == FAIL}
    found: list[Finding] = []
    if counts["sound"] == 0:
        found.append(Finding("1.2.2", NOT_APPLICABLE, "No video with sound in the course."))
    elif "1.2.2" not in failed:
        found.append(Finding("1.2.2", PASS, f"{counts['captioned']} of "
                             f"{plural(counts['sound'], 'clip')} with sound captioned in "
                             f"{language}."))
    if counts["narrated"] == 0:
        found.append(Finding("1.2.1", NOT_APPLICABLE, "No sound-only or silent video content: "
                             "no narrated slide or page, sound clip or video without sound."))
    elif "1.2.1" not in failed:
        found.append(Finding("1.2.1", PASS, f"{counts['transcribed']} of "
                             f"{counts['narrated']} narrated slides and pages, sound clips "
                             "and silent clips with a transcript or description."))
    for criterion in ("1.2.3", "1.2.5"):
        if counts["video"] == 0:
            found.append(Finding(criterion, NOT_APPLICABLE, "No video with sound in the "
                                 "course (a silent clip's description is checked under "
                                 "1.2.1)."))
        elif counts["described"]:
            found.append(Finding(criterion, PASS, f"{counts['described']} of "
                                 f"{plural(counts['video'], 'video clip')} with sound "
                                 "described in text "
                                 "the player shows under the video."))
    return found

