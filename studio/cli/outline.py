"""The course outline as the shell shows it: an indented tree, or JSON for scripts."""

from __future__ import annotations

from studio.cli.output import say
from studio.model import resolution_text
from studio.narration import glossary_to_json, script_source
from studio.store import Project


def narration_json(item, course_language: str) -> dict:
    """An item's narration facts for ``ls --json``: where its script comes from (typed,
    notes, text or ""), the languages with a typed script, its voice overrides, and per
    track its language, origin, duration (s), sentence count and cues to review."""
    narration = item.narration
    return {"script": script_source(item, course_language, course_language),
            "typed": sorted(language for language, _ in narration.scripts),
            "voice": dict(narration.voice),
            "tracks": [{"language": t.language, "origin": t.origin, "asset": t.asset_id,
                        "captions": t.captions_asset_id, "duration": round(t.duration, 3),
                        "sentences": len(t.sentences),
                        "review": sum(s.review for s in t.sentences),
                        "loudness": t.loudness}
                       for t in narration.tracks]}


def outline(project: Project) -> dict:
    course = project.course()
    policy = course.tracking

    def item_json(item) -> dict:
        data = {"id": item.id, "kind": item.kind.value, "title": item.title,
                "duration": round(item.duration, 3)}
        if item.kind.value == "video":
            data.update(asset=item.asset_id, **{"in": item.in_point, "out": item.out_point})
        if item.kind.value in ("video", "slide"):
            data["cues"] = [{"id": c.id, "time": c.time, "title": c.title,
                             "must_answer": c.must_answer} for c in item.cue_points]
        if item.kind.value in ("video", "slide", "page"):
            data["narration"] = narration_json(item, course.language)
        if item.kind.value in ("quiz", "video", "slide"):
            data["questions"] = [{"id": q.id, "type": q.type, "prompt": q.prompt,
                                  "points": q.points, "pool": q.pool, "cue": q.cue_id}
                                 for q in item.questions]
        return data

    return {
        "course": {"id": course.identifier, "title": course.title, "language": course.language,
                   "author": course.author, "version": course.version,
                   "completion": policy.completion.value,
                   "mastery_score": policy.mastery_score,
                   "resolution": resolution_text(course.settings.resolution),
                   "resume": course.settings.resume,
                   "unrecorded": course.settings.unrecorded,
                   "cover": course.settings.cover,
                   "certificate": course.settings.certificate,
                   "objectives": list(course.settings.objectives),
                   "end_message": course.settings.end_message,
                   "narration_engine": course.settings.narration_engine,
                   "narration_voice": course.settings.narration_voice,
                   "narration_rate": course.settings.narration_rate,
                   "narration_pitch": course.settings.narration_pitch,
                   "loudness": course.settings.loudness,
                   "glossary": glossary_to_json(course.settings.glossary)},
        "modules": [{"id": m.id, "kind": "module", "title": m.title, "lessons": [
            {"id": lesson.id, "kind": "lesson", "title": lesson.title,
             "duration": round(lesson.duration, 3),
             "items": [item_json(i) for i in lesson.items]} for lesson in m.lessons]}
            for m in course.modules],
        "assets": [{"id": a.id, "kind": a.kind, "name": a.original_name,
                    "duration": a.duration} for a in course.assets.values()],
    }


def print_outline(data: dict) -> None:
    course = data["course"]
    say(f"{course['title']}  ({course['id']})")
    for module in data["modules"]:
        say(f"  {module['id']}  {module['title']}")
        for lesson in module["lessons"]:
            say(f"    {lesson['id']}  {lesson['title']}")
            for item in lesson["items"]:
                extra = f"{item['duration']:.1f} s" if item["duration"] else ""
                if "questions" in item and item["kind"] == "quiz":
                    extra = f"{len(item['questions'])} question(s)"
                tracks = item.get("narration", {}).get("tracks", [])
                if tracks:
                    review = sum(t["review"] for t in tracks)
                    extra += (f"  narrated ({', '.join(t['language'] for t in tracks)})"
                              + (f", {review} to review" if review else ""))
                say(f"      {item['id']}  {item['kind']:5}  {item['title']}  {extra}".rstrip())
    if not data["modules"]:
        say("  (no modules yet: studio add-module DIR TITLE)")
