"""The course outline as the shell shows it: an indented tree, or JSON for scripts."""

from __future__ import annotations

from studio.cli.output import say
from studio.model import resolution_text
from studio.store import Project


def outline(project: Project) -> dict:
    course = project.course()
    policy = course.tracking

    def item_json(item) -> dict:
        data = {"id": item.id, "kind": item.kind.value, "title": item.title,
                "duration": round(item.duration, 3)}
        if item.kind.value == "video":
            data.update(asset=item.asset_id, **{"in": item.in_point, "out": item.out_point},
                        cues=[{"id": c.id, "time": c.time, "title": c.title,
                               "must_answer": c.must_answer}
                              for c in item.cue_points])
        if item.kind.value in ("quiz", "video"):
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
                   "end_message": course.settings.end_message},
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
                say(f"      {item['id']}  {item['kind']:5}  {item['title']}  {extra}".rstrip())
    if not data["modules"]:
        say("  (no modules yet: studio add-module DIR TITLE)")
