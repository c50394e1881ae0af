"""Accessibility evidence from the course's rendered and recorded media: text contrast on
slide images (WCAG 2.2 SC 1.4.3) and flashes in videos (SC 2.3.1).

    media_findings(course, bundle, progress, token)                  -> [Finding]  a project
    package_media_findings(package_dir, course_data, progress, token) -> [Finding]  a package

Every finding has ``source`` "media"; they come sorted (:func:`studio.a11y.findings.sort_key`)
and their text holds no paths or clock times, so the same media give the same findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from studio.a11y.findings import FAIL, NOT_APPLICABLE, PASS, REVIEW, Finding, sort_key
from studio.errors import MediaError
from studio.jobs import CancelToken, Progress, SubProgress, no_progress
from studio.media.flashing import FlashAnalysis, analyse_flashes, cached_analysis
from studio.media.slide_contrast import LARGE_RATIO, NORMAL_RATIO, measure_slide
from studio.media.slide_ocr import text_lines
from studio.model import Course, Slide, VideoClip

CONTRAST, FLASHING, IMAGES_OF_TEXT, CAPTIONS = "1.4.3", "2.3.1", "1.4.5", "1.2.2"
_CONTRAST_SHARE = 0.1  # of the progress bar: slide images are quick next to decoding video


@dataclass(frozen=True)
class _Video:
    """One stretch of video to look at: the item it plays in, its title, the file, its
    SHA-256 ("" when unknown: not cached), and the cut in seconds of the file."""

    item: str
    title: str
    path: Path
    sha256: str
    start: float
    end: float | None


def media_findings(course: Course, bundle: Path, progress: Progress = no_progress,
                   token: CancelToken | None = None, *,
                   cache_dir: Path | None = None) -> list[Finding]:
    """Findings on 1.4.3 (every text box of every slide measured on the slide's image)
    and 2.3.1 (every video clip from its in to its out point, every video embedded in a
    slide and every question's video) of the project in folder ``bundle``, whose media
    are ``bundle/media/<filename>``. Flash analyses are cached under ``cache_dir``
    (default ``bundle/cache``). Raises Cancelled when ``token`` is; unreadable media become
    REVIEW findings, not errors."""
    token = token or CancelToken()
    media_dir = Path(bundle) / "media"
    findings = _contrast_findings(course, media_dir, SubProgress(progress, 0.0, _CONTRAST_SHARE),
                                  token)
    videos = list(_project_videos(course, media_dir))
    cache = Path(cache_dir) if cache_dir is not None else Path(bundle) / "cache"
    findings += _flash_findings(
        videos, lambda video, sub: cached_analysis(cache, video.sha256, video.path, video.start,
                                                   video.end, sub, token),
        SubProgress(progress, _CONTRAST_SHARE, 1.0 - _CONTRAST_SHARE), token)
    progress(1.0, "Media checked")
    return sorted(findings, key=sort_key)


def package_media_findings(package_dir: Path, course_data: dict,
                           progress: Progress = no_progress,
                           token: CancelToken | None = None) -> list[Finding]:
    """Findings on 2.3.1 for the videos an unpacked package holds (``course_data``: its
    course-data document, modules -> lessons -> items; a video item's ``src``, ``start`` and
    ``end`` are on its file's timeline; questions' videos whole), on 1.2.2 for its clips (a
    clip whose file has an audio stream and whose ``captions`` list is empty fails, WCAG 2.2
    SC 1.2.2) and, on 1.4.3, a REVIEW
    per slide: a package does not carry the text positions needed to measure slide images.
    Raises Cancelled when ``token`` is."""
    token = token or CancelToken()
    findings: list[Finding] = []
    videos: list[_Video] = []
    clips: list[tuple[dict, Path]] = []
    for item in package_items(course_data):
        if item.get("kind") == "slide" and item.get("image"):
            findings.append(Finding(
                CONTRAST, REVIEW, f"Slide “{item.get('title', '')}”: text positions are kept "
                "in the project, not the package; run the check on the project to measure "
                "its text contrast, or check it by eye (4.5:1, 3:1 for large text).",
                item.get("id"), "media"))
        elif item.get("kind") == "video" and isinstance(item.get("src"), str):
            path = _inside(Path(package_dir), item["src"])
            clips.append((item, path))
            start = float(item.get("start") or 0.0)
            end = item.get("end")
            videos.append(_Video(str(item.get("id")), str(item.get("title", "")), path, "",
                                 start, float(end) if end else None))
        for question in _package_questions(item):
            if question.get("mediaKind") == "video" and isinstance(question.get("media"), str):
                videos.append(_Video(str(item.get("id")), _question_title(
                    str(item.get("title", "")), str(question.get("prompt", ""))),
                    _inside(Path(package_dir), question["media"]), "", 0.0, None))
    findings += _caption_findings(clips)
    findings += _flash_findings(
        videos, lambda video, sub: analyse_flashes(video.path, video.start, video.end, sub,
                                                   token), progress, token)
    progress(1.0, "Media checked")
    return sorted(findings, key=sort_key)


def _caption_findings(clips: list[tuple[dict, Path]]) -> list[Finding]:
    """SC 1.2.2 for a package's clips: a clip whose file has an audio stream and whose
    course-data entry lists no ``captions`` fails; captioned ones are counted as evidence."""
    out: list[Finding] = []
    sound = captioned = 0
    for item, path in clips:
        has_sound = has_audio_stream(path)
        title = str(item.get("title", ""))
        if has_sound is None:
            out.append(Finding(CAPTIONS, REVIEW, f"Clip “{title}”: its video file could not be "
                               "read to tell whether it has sound; check its captions.",
                               item.get("id"), "media"))
            continue
        if not has_sound:
            continue
        sound += 1
        if item.get("captions"):
            captioned += 1
        else:
            out.append(Finding(CAPTIONS, FAIL, f"Clip “{title}” has sound but the package "
                               "holds no captions for it; attach a caption file in the "
                               "project and export again.", item.get("id"), "media"))
    if captioned:
        out.append(Finding(CAPTIONS, PASS, f"{captioned} of {sound} clips with sound in the "
                           "package have captions.", None, "media"))
    return out


def has_audio_stream(path: Path) -> bool | None:
    """Whether the media file at ``path`` holds an audio stream (read with PyAV); None when
    the file cannot be opened."""
    import av

    try:
        with av.open(str(path)) as container:
            return bool(container.streams.audio)
    except (OSError, av.FFmpegError, ValueError):
        return None


def package_items(course_data: dict) -> Iterable[dict]:
    """The item objects of a package's course-data document (modules -> lessons -> items),
    in outline order; entries that are not objects are skipped."""
    for module in course_data.get("modules") or ():
        for lesson in module.get("lessons") or ():
            for item in lesson.get("items") or ():
                if isinstance(item, dict):
                    yield item


def _package_questions(item: dict) -> Iterable[dict]:
    """A package item's questions: a quiz's, and those of a clip's or slide's cue points."""
    yield from (q for q in item.get("questions") or () if isinstance(q, dict))
    for cue in item.get("cues") or ():
        if isinstance(cue, dict):
            yield from (q for q in cue.get("questions") or () if isinstance(q, dict))


def _inside(root: Path, name: str) -> Path:
    """``name`` (a package path) under ``root``; a name leaving the package gives a path
    that does not exist."""
    parts = PurePosixPath(name).parts
    if not parts or ".." in parts or PurePosixPath(name).is_absolute():
        return root / "\0"
    return root.joinpath(*parts)


def _project_videos(course: Course, media_dir: Path) -> Iterable[_Video]:
    for item in course.items():
        if isinstance(item, VideoClip):
            asset = course.assets.get(item.asset_id or "")
            if asset is not None and asset.kind == "video":
                end = item.out_point if item.out_point > item.in_point else None
                yield _Video(item.id, item.title, media_dir / asset.filename, asset.sha256,
                             item.in_point, end)
        elif isinstance(item, Slide):
            for asset_id in item.media_asset_ids:
                asset = course.assets.get(asset_id)
                if asset is not None and asset.kind == "video":
                    yield _Video(item.id, item.title, media_dir / asset.filename, asset.sha256,
                                 0.0, None)
        for question in getattr(item, "questions", ()):
            asset_id = question.data.get("media")
            asset = course.assets.get(asset_id) if isinstance(asset_id, str) else None
            if asset is not None and asset.kind == "video":
                yield _Video(item.id, _question_title(item.title, question.prompt),
                             media_dir / asset.filename, asset.sha256, 0.0, None)


def _question_title(title: str, prompt: str) -> str:
    return f"{title}: the video of the question {_box_name(prompt)}"


def _flash_findings(videos: list[_Video],
                    analyse: Callable[[_Video, Progress], FlashAnalysis],
                    progress: Progress, token: CancelToken) -> list[Finding]:
    if not videos:
        return [Finding(FLASHING, NOT_APPLICABLE, "No video in the course: slides and pages "
                        "are still pictures and text, which cannot flash.", None, "media")]
    findings: list[Finding] = []
    seconds, most, calm = 0.0, 0, 0
    for index, video in enumerate(videos):
        token.check()
        sub = SubProgress(progress, index / len(videos), 1 / len(videos))
        try:
            analysis = analyse(video, sub) if video.path.is_file() else None
        except MediaError:
            analysis = None
        if analysis is None:
            findings.append(Finding(FLASHING, REVIEW, f"“{video.title}”: its video could not "
                                    "be read to look for flashes; check it by eye.",
                                    video.item, "media"))
            continue
        if analysis.general:
            findings.append(_flash_failure(video, analysis.general, "flashes"))
        if analysis.red:
            findings.append(_flash_failure(video, analysis.red, "red flashes"))
        if not analysis.fails:
            calm += 1
            seconds += analysis.seconds
            most = max(most, analysis.most_flashes)
    if calm:
        videos_text = "1 video" if len(videos) == 1 else f"{len(videos)} videos"
        findings.append(Finding(
            FLASHING, PASS, f"{calm} of {videos_text} ({seconds:.1f} s analysed frame by frame) "
            "stay below the general and red flash thresholds: at most "
            f"{most} flashes in any second over a quarter of a 10° field.", None, "media"))
    return findings


def _flash_failure(video: _Video, ranges: tuple[tuple[float, float], ...],
                   what: str) -> Finding:
    where = ", ".join(f"{a:.1f}–{b:.1f} s" for a, b in ranges)
    return Finding(FLASHING, FAIL, f"“{video.title}” has {what} more than three times a "
                   f"second over a large area at {where} of the video: remove or slow the "
                   "flashing, or make it smaller or lower in contrast.", video.item, "media")


def _contrast_findings(course: Course, media_dir: Path, progress: Progress,
                       token: CancelToken) -> list[Finding]:
    slides = [item for item in course.items() if isinstance(item, Slide)]
    if not slides:
        return [Finding(CONTRAST, NOT_APPLICABLE, "No slides in the course: the text of "
                        "pages and questions is the player's, checked in the player.",
                        None, "media")]
    findings: list[Finding] = []
    measured, passed, lowest, recognised = 0, 0, None, 0
    for index, slide in enumerate(slides):
        token.check()
        progress(index / len(slides), "Measuring text contrast on slides")
        boxes = slide.text_boxes  # read by the deck import
        asset = course.assets.get(slide.asset_id or "")
        try:
            if boxes is None and asset is not None and slide.source.get("kind") != "pptx":
                boxes = text_lines(media_dir / asset.filename)  # a picture: where its text is
                recognised += len(boxes or ())
            if boxes is None or asset is None:
                findings.append(_unknown_boxes(slide))
                continue
            results = measure_slide(media_dir / asset.filename, boxes)
            if any(box.text.strip() for box in boxes):
                findings.append(_picture_of_text(slide, boxes))
        except MediaError:
            findings.append(Finding(CONTRAST, REVIEW, f"Slide “{slide.title}”: its image "
                                    "could not be read to measure text contrast; check it "
                                    "by eye.", slide.id, "media"))
            continue
        for result in results:
            name = _box_name(result.box.text)
            if not result.found:
                findings.append(Finding(
                    CONTRAST, REVIEW, f"Slide “{slide.title}”: the text {name} was not found "
                    "where the deck places it on the slide image; check its contrast by eye.",
                    slide.id, "media"))
                continue
            measured += 1
            if result.passes:
                passed += 1
                lowest = result.ratio if lowest is None else min(lowest, result.ratio)
                continue
            pair = f"{result.ratio:.2f}:1 ({result.text} on {result.background})"
            if not result.size_known and result.ratio >= LARGE_RATIO:
                findings.append(Finding(
                    CONTRAST, REVIEW, f"Slide “{slide.title}”: the text {name} has a contrast "
                    f"of {pair}, enough only for large text, and its size is not known; "
                    "check its size (18 pt, or 14 pt bold) or darken it.", slide.id, "media"))
            else:
                findings.append(Finding(
                    CONTRAST, FAIL, f"Slide “{slide.title}”: the text {name} has a contrast "
                    f"of {pair}, below the {result.required:g}:1 it needs; make the text or "
                    "its background darker or lighter and re-import the deck.",
                    slide.id, "media"))
    if passed:
        findings.append(Finding(
            CONTRAST, PASS, f"{passed} of {measured} text boxes on {len(slides)} slide images "
            f"reach {NORMAL_RATIO:g}:1 ({LARGE_RATIO:g}:1 for large text) against their "
            f"background; the lowest of them is {lowest:.2f}:1."
            + (f" {recognised} of the lines were found in pictures by text recognition "
               "(Tesseract), their size estimated from the glyphs." if recognised else ""),
            None, "media"))
    if not findings:
        findings.append(Finding(CONTRAST, NOT_APPLICABLE, f"The {len(slides)} slides hold no "
                                "text boxes: their text, if any, is in pictures (see 1.4.5).",
                                None, "media"))
    return findings


def _picture_of_text(slide: Slide, boxes) -> Finding:
    """SC 1.4.5: a slide's text reaches the learner as a picture, which cannot be resized
    or restyled; the slide's text is beside it for screen readers, but only the author can
    say whether the picture form is essential."""
    lines = sum(1 for box in boxes if box.text.strip())
    return Finding(IMAGES_OF_TEXT, REVIEW, f"Slide “{slide.title}” shows {lines} "
                   f"line{'s' if lines != 1 else ''} of text as a picture, which learners "
                   "cannot enlarge or restyle: state that its look is essential (a logo, a "
                   "diagram), or rebuild it as a page.", slide.id, "media")


def _unknown_boxes(slide: Slide) -> Finding:
    if slide.source.get("kind") == "pptx":
        text = (f"Slide “{slide.title}”: imported before text positions were read; re-import "
                "the deck to measure its text contrast.")
    else:
        text = (f"Slide “{slide.title}”: a picture whose text could not be located (text "
                "recognition needs Tesseract: run make setup); check its text contrast by eye "
                f"({NORMAL_RATIO:g}:1, {LARGE_RATIO:g}:1 for large text).")
    return Finding(CONTRAST, REVIEW, text, slide.id, "media")


def _box_name(text: str) -> str:
    line = " ".join(text.split())
    return f"“{line[:40]}…”" if len(line) > 40 else f"“{line}”"
