"""A course with a real clip and a synthetic cohort of learners, in the player's own statements.

``xray_course`` builds a one-lesson course: a real 60 s 160x90 clip (ffmpeg lavfi) with one cue
question, a page, and a quiz of six scored questions (choice, multiple, truefalse, fill,
numeric, matching). ``cohort_statements`` sends that course a cohort as the player would
(resources/player/player/xapi_statements.js and xapi.js, a Tin Can package of the whole
course): initialized/terminated on the course, the Video Profile's initialized, played,
paused, seeked and completed on the clip with ``EXT_CLIP``, experienced on the page, answered
with cmi.interaction activities and ``EXT_QUESTION_VERSION``, passed/failed on the course.

What is planted: each learner has an ability (normal, mean 0, sd 1) that drives answers
(so questions discriminate); the ``negative`` question is answered right more often by weaker
learners; the ``easy`` one right by about 97 %; most viewers stop watching for good at
``drop_off_s``; a third of viewers rewind from about 30 s back to about 18 s. ``answers``
returns the first answers as generated (credit per learner and question) for references
computed in the tests. Deterministic for a seed.
"""

from __future__ import annotations

import math
import random
import subprocess
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studio import commands
from studio.export.tincan import ACTIVITY_TYPES
from studio.export.versions import clip_version, question_version
from studio.export.xml import child_iri, course_iri
from studio.media.ffmpeg import find_ffmpeg
from studio.media.importer import import_files
from studio.model import Course, Quiz, VideoClip
from studio.quiz.types import QUESTION_TYPES
from studio.store import Project
from studio.xray.rows import (
    EXT_CLIP,
    EXT_LENGTH,
    EXT_PROGRESS,
    EXT_QUESTION_VERSION,
    EXT_SEGMENTS,
    EXT_SESSION,
    EXT_TIME,
    EXT_TIME_FROM,
    EXT_TIME_TO,
    VERBS,
    VIDEO,
)

CLIP_SECONDS = 60.0
CUE_S = 20.0  # the cue question's second on the source (and on the item: in point 0)
REWIND_FROM_S, REWIND_TO_S = 30.0, 18.0
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PASS_MARK = 60.0

TYPES = ACTIVITY_TYPES  # the activity types the package and the player use
# verb short name -> IRI, the player's verbs as the learner-data vocabulary names them
VERB_IRIS = {short: iri for iri, short in VERBS.items()}


def make_clip(path: Path, seconds: float = CLIP_SECONDS) -> Path:
    """A small real video: colour bars, 160x90, 5 frames a second, with a tone."""
    subprocess.run(
        [find_ffmpeg().path, "-v", "error", "-y",
         "-f", "lavfi", "-i", f"smptebars=size=160x90:rate=5:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=22050:duration={seconds}",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "32k", "-shortest", str(path)],
        check=True, capture_output=True)
    return path


def xray_course(tmp_path: Path) -> Project:
    """An open project (close it, or use it as a context manager): one module, one lesson
    holding the 60 s clip with a cue question at 20 s, a page and a quiz of six scored
    questions of mixed types (pass mark 60 %)."""
    project = Project.create(tmp_path / "Xray.course", "Ladders at work")
    module = commands.add_module(project, "Safety")
    lesson = commands.add_lesson(project, module, "Ladders")
    clip_file = make_clip(tmp_path / "ladders.mp4")
    clip = import_files(project, [clip_file], lesson_id=lesson)[0].item_id
    commands.rename(project, clip, "Using a ladder")
    cue = commands.add_cue(project, clip, CUE_S, "Check")
    commands.add_question(project, clip, "choice", "How many points of contact?", cue_id=cue,
                          data={"choices": [{"text": "Three", "correct": True}, "Two", "One"]})
    commands.add_page(project, lesson, "Summary", "Face the ladder. Keep three points.")
    quiz = commands.add_quiz(project, lesson, "Ladder quiz", pass_mark=PASS_MARK)
    commands.add_question(project, quiz, "choice", "Best angle?", data={"choices": [
        {"text": "75 degrees", "correct": True}, "45 degrees", "90 degrees", "60 degrees"]})
    commands.add_question(project, quiz, "multiple", "Check before climbing?", data={"choices": [
        {"text": "Rungs", "correct": True}, {"text": "Feet", "correct": True}, "Colour"]})
    commands.add_question(project, quiz, "truefalse", "Face the ladder when climbing?",
                          data={"answer": True})
    commands.add_question(project, quiz, "fill", "Points of contact, in words?",
                          data={"answers": ["three"]})
    commands.add_question(project, quiz, "numeric", "Metres above the landing?",
                          data={"value": 1, "tolerance": 0})
    commands.add_question(project, quiz, "matching", "Match the part", data={"pairs": [
        {"left": "Rung", "right": "Step"}, {"left": "Stile", "right": "Side"},
        {"left": "Foot", "right": "Base"}]})
    return project


def quiz_of(course: Course) -> Quiz:
    """The course's quiz."""
    return next(i for i in course.items() if isinstance(i, Quiz))


def clip_of(course: Course) -> VideoClip:
    """The course's clip."""
    return next(i for i in course.items() if isinstance(i, VideoClip))


def planted(course: Course) -> tuple[str, str]:
    """(negative, easy): the default planted questions, the quiz's fill and truefalse ones."""
    by_type = {q.type: q.id for q in quiz_of(course).questions}
    return by_type["fill"], by_type["truefalse"]


@dataclass
class Cohort:
    """The statements and, for references, each learner's ability and first answers: ``answers``
    maps a question id to {learner: credit 0..1}; ``stops`` the second each viewer's viewing
    ended for good."""

    statements: list[dict]
    ability: dict[str, float]
    answers: dict[str, dict[str, float]]
    stops: dict[str, float]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _duration(seconds: float) -> str:
    # tracking.js duration2004: centiseconds, hours and minutes only when present
    cs = max(0, round(seconds * 100))
    hours, minutes, rest = cs // 360000, cs // 6000 % 60, cs % 6000 / 100
    text = f"{rest:g}" if rest != int(rest) else str(int(rest))
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + text + "S"


def _seconds(x: float) -> float:
    return round(x * 1000) / 1000


def _number(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Sender:
    """Statements of one learner's attempt, in the adapter's shapes (xapi.js send)."""

    def __init__(self, course: Course, rng: random.Random, actor: dict, registration: str,
                 clock: datetime):
        self.course, self.rng, self.actor, self.registration = course, rng, actor, registration
        self.clock = clock
        self.out: list[dict] = []
        self.root = course_iri(course)

    def tick(self, seconds: float) -> None:
        self.clock += timedelta(seconds=seconds)

    def send(self, short: str, obj: dict, result: dict | None = None,
             parents: list[str] = (), extensions: dict | None = None,
             categories: list[str] = ()) -> None:
        activities: dict = {}
        if parents:
            activities["parent"] = [{"objectType": "Activity", "id": p} for p in parents]
        context = {"contextActivities": activities, "registration": self.registration,
                   "language": self.course.language}
        if extensions:
            context["extensions"] = extensions
        if categories:
            activities["category"] = [{"objectType": "Activity", "id": c} for c in categories]
        statement = {"id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
                     "actor": self.actor,
                     "verb": {"id": VERB_IRIS[short], "display": {"en-US": short}},
                     "object": obj, "timestamp": _iso(self.clock), "context": context}
        if result is not None:
            statement["result"] = result
        self.out.append(statement)

    def activity(self, kind: str, ident: str, type_iri: str, title: str) -> dict:
        return {"objectType": "Activity", "id": child_iri(self.course, kind, ident),
                "definition": {"type": type_iri, "name": {self.course.language: title}}}

    def course_object(self) -> dict:
        return {"objectType": "Activity", "id": self.root,
                "definition": {"type": TYPES["course"],
                               "name": {self.course.language: self.course.title}}}


class _Viewing:
    """One viewing session of the clip, as VideoWatcher reports it."""

    def __init__(self, sender: _Sender, clip: VideoClip, lesson_iri: str):
        self.s, self.clip, self.lesson_iri = sender, clip, lesson_iri
        self.session = str(uuid.UUID(int=sender.rng.getrandbits(128), version=4))
        self.segments: list[tuple[float, float]] = []
        self.start: float | None = None
        self.at = 0.0
        self.obj = sender.activity("item", clip.id, TYPES["video"], clip.title)
        self.length = _seconds(clip.duration)
        self.begun = sender.clock

    def _ext(self) -> dict:
        return {EXT_SESSION: self.session, EXT_LENGTH: self.length,
                VIDEO + "extensions/completion-threshold": 1,
                EXT_CLIP: {"in": self.clip.in_point, "out": self.clip.out_point,
                           "version": clip_version(self.clip, self.s.course)}}

    def _send(self, verb: str, result: dict | None) -> None:
        self.s.send(verb, self.obj, result, [self.lesson_iri], self._ext(),
                    ["https://w3id.org/xapi/video"])

    def _progress(self, t: float) -> dict:
        text = "[,]".join(f"{_number(_seconds(a))}[.]{_number(_seconds(b))}"
                          for a, b in self.segments)
        covered, reach = 0.0, 0.0
        for a, b in sorted(self.segments):
            low = max(a, reach)
            if b > low:
                covered += b - low
            reach = max(reach, b)
        progress = min(1.0, round(covered / self.length * 1000) / 1000)
        return {EXT_TIME: _seconds(t), EXT_SEGMENTS: text, EXT_PROGRESS: progress}

    def initialize(self) -> None:
        self._send("initialized", None)

    def play(self) -> None:
        self.start = self.at
        self._send("played", {"extensions": {EXT_TIME: _seconds(self.at)}})

    def run_to(self, t: float) -> None:
        self.s.tick(t - self.at)
        self.at = t

    def _close(self, to: float) -> None:
        if self.start is not None and to >= self.start:
            self.segments.append((_seconds(self.start), _seconds(to)))
        self.start = None

    def pause(self) -> None:
        self._close(self.at)
        self._send("paused", {"extensions": self._progress(self.at)})

    def seek(self, to: float) -> None:
        playing = self.start is not None
        self._close(self.at)
        self._send("seeked", {"extensions": {EXT_TIME_FROM: _seconds(self.at),
                                             EXT_TIME_TO: _seconds(to)}})
        self.at = to
        if playing:
            self.start = to

    def complete(self) -> None:
        self._close(self.at)
        spent = (self.s.clock - self.begun).total_seconds()
        self._send("completed", {"extensions": self._progress(self.at), "completion": True,
                                 "duration": _duration(spent)})


def _response(question, right: bool, rng: random.Random) -> tuple[str, float]:
    """(result.response, credit) of a first answer, right or wrong, in the player's pattern."""
    data, qtype = question.data, question.type
    if qtype == "choice":
        good = next(c["id"] for c in data["choices"] if c["correct"])
        bad = [c["id"] for c in data["choices"] if not c["correct"]]
        return (good if right else bad[min(len(bad) - 1, int(rng.random() ** 2 * len(bad)))],
                1.0 if right else 0.0)
    if qtype == "multiple":
        good = sorted(c["id"] for c in data["choices"] if c["correct"])
        if right:
            return "[,]".join(good), 1.0
        wrong = rng.choice([good[:1], [*good, "c"], ["c"]])
        return "[,]".join(sorted(wrong)), 0.0
    if qtype == "truefalse":
        return ("true" if data["answer"] == right else "false"), 1.0 if right else 0.0
    if qtype == "fill":
        return (data["answers"][0] if right else rng.choice(["two", "four", "3"])), float(right)
    if qtype == "numeric":
        return _number(data["value"] if right else rng.choice([0.5, 2, 3])), float(right)
    if qtype == "matching":
        ids = [p["id"] for p in data["pairs"]]
        targets = list(ids) if right else [ids[1], ids[0], *ids[2:]]
        return "[,]".join(f"{s}[.]{t}" for s, t in zip(ids, targets, strict=True)), float(right)
    raise ValueError(qtype)


def _answer(sender: _Sender, ref: str, question, right: bool, parents: list[str]) -> float:
    response, credit = _response(question, right, sender.rng)
    latency = round(4 + sender.rng.random() * 20, 2)
    sender.tick(latency)
    obj = {"objectType": "Activity", "id": child_iri(sender.course, "interaction", ref),
           "definition": {"type": TYPES["interaction"], "name": {"en": question.prompt},
                          "interactionType": QUESTION_TYPES[question.type].interaction}}
    result = {"response": response, "duration": _duration(latency), "success": credit >= 1,
              "score": {"raw": question.points * credit, "min": 0, "max": question.points,
                        "scaled": credit}}
    sender.send("answered", obj, result, parents,
                {EXT_QUESTION_VERSION: question_version(question)})
    return credit


def cohort(course: Course, learners: int = 1000, seed: int = 1, drop_off_s: float = 40.0,
           negative: str | None = None, easy: str | None = None) -> Cohort:
    """The cohort's statements with the facts behind them (see :class:`Cohort`)."""
    rng = random.Random(seed)
    clip, quiz = clip_of(course), quiz_of(course)
    default_negative, default_easy = planted(course)
    negative = negative or default_negative
    easy = easy or default_easy
    lesson = course.lessons()[0]
    lesson_iri = child_iri(course, "lesson", lesson.id)
    page = next(i for i in lesson.items if i.kind == "page")
    cue = clip.cue_points[0]
    cue_question = clip.questions[0]
    difficulty = {q.id: -0.8 + 0.3 * n for n, q in enumerate(quiz.questions)}
    out = Cohort([], {}, {q.id: {} for q in (*clip.questions, *quiz.questions)}, {})
    for number in range(learners):
        name = f"learner{number:05d}"
        actor = {"objectType": "Agent", "name": name, "mbox": f"mailto:{name}@example.com"}
        learner = actor["mbox"]
        theta = rng.gauss(0.0, 1.0)
        out.ability[learner] = theta
        registration = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        s = _Sender(course, rng, actor, registration, START + timedelta(seconds=97 * number))
        s.send("initialized", s.course_object())
        if rng.random() < 0.93:  # opens the clip
            v = _Viewing(s, clip, lesson_iri)
            v.initialize()
            v.play()
            roll = rng.random()
            if roll < 0.6:
                stop = min(CLIP_SECONDS, max(CUE_S + 1, rng.gauss(drop_off_s, 0.6)))
            elif roll < 0.85:
                stop = CLIP_SECONDS
            else:
                stop = round(1 + rng.random() * (CLIP_SECONDS - 2), 2)
            rewinds = stop > REWIND_FROM_S + 1 and rng.random() < 0.33
            if stop > CUE_S:
                v.run_to(CUE_S)
                v.pause()  # the player pauses at the cue and asks its question
                credit = _answer(s, f"{clip.id}_{cue.id}_{cue_question.id}", cue_question,
                                 rng.random() < _sigmoid(1.7 * (theta + 0.3)),
                                 [child_iri(course, "item", clip.id), lesson_iri])
                out.answers[cue_question.id][learner] = credit
                v.play()
            if rewinds:
                v.run_to(REWIND_FROM_S + rng.gauss(0, 0.4))
                v.seek(max(0.0, REWIND_TO_S + rng.gauss(0, 0.4)))
            v.run_to(stop)
            if stop >= CLIP_SECONDS:
                v.complete()
            else:
                v.pause()
            out.stops[learner] = stop
        if rng.random() < 0.9:
            s.tick(5)
            s.send("experienced", s.activity("item", page.id, TYPES["page"], page.title), None,
                   [lesson_iri])
        if rng.random() < 0.85:  # attempts the quiz
            points = 0.0
            for question in quiz.questions:
                if question.id == negative:
                    chance = _sigmoid(-1.5 * theta)
                elif question.id == easy:
                    chance = _sigmoid(1.7 * (theta + 2.6))  # about 97 % right
                else:
                    chance = _sigmoid(2.0 * (theta - difficulty[question.id]))
                credit = _answer(s, f"{quiz.id}_{question.id}", question, rng.random() < chance,
                                 [child_iri(course, "item", quiz.id), lesson_iri])
                out.answers[question.id][learner] = credit
                points += question.points * credit
            total = sum(q.points for q in quiz.questions)
            scaled = round(points / total, 6)
            passed = scaled * 100 >= PASS_MARK
            s.send("passed" if passed else "failed", s.course_object(),
                   {"success": passed, "duration": _duration(300),
                    "score": {"scaled": scaled, "raw": points, "min": 0, "max": total}})
        s.tick(3)
        s.send("terminated", s.course_object(), {"duration": _duration(400)})
        out.statements.extend(s.out)
    return out


def cohort_statements(course: Course, learners: int = 1000, seed: int = 1,
                      drop_off_s: float = 40.0, negative: str | None = None,
                      easy: str | None = None) -> list[dict]:
    """The cohort's statements (see the module's docstring); ``negative`` and ``easy`` default
    to :func:`planted`'s."""
    return cohort(course, learners, seed, drop_off_s, negative, easy).statements
