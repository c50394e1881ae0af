"""The warnings a tester would raise after running a package in the LMS twin.

Each :class:`Warning` has a stable ``code``, a one-line ``message`` naming the element, the
value and the call, the ``path`` it was seen on ('' for the package itself) and a
``severity``: ``failure`` when what the profile's LMS records differs from what the course
intends (or the LMS refuses the package), else ``warning``.
:func:`package_warnings` reads the package; :func:`warnings` one journalled path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studio.twin import records
from studio.twin.package_facts import PackageFacts
from studio.twin.records import COMMIT, FINISH, elements, number
from studio.twin.sheet import suspend_limit

WARNING, FAILURE = "warning", "failure"
SUSPEND_WARN_PERCENT = 80
# Standard limits of a stored learner response (SCORM 1.2 RTE 3.4.2.7.5 CMIString255;
# SCORM 2004 RTE 4.2.9.1.6 SPM 4,000 for fill-in, the player keeps 250).
RESPONSE_LIMIT = {"scorm12": 255, "scorm2004": 4000}
# Words that tell an administrator nothing about which course an identifier names.
GENERIC_WORDS = {"course", "courses", "scorm", "manifest", "package", "sco", "item", "id",
                 "org", "content", "module", "lesson", "urn", "uuid"}


@dataclass(frozen=True)
class Warning:
    """One finding: ``code`` (e.g. ``score-after-status``), ``message`` (one line), ``path``
    (the learner path, '' for the package) and ``severity`` (``warning`` | ``failure``)."""

    code: str
    message: str
    path: str = ""
    severity: str = WARNING

    @property
    def failure(self) -> bool:
        """Whether the LMS records something other than intended (the check fails)."""
        return self.severity == FAILURE

    @property
    def line(self) -> str:
        """The warning as one line: ``failure score-after-status [complete]: ...``."""
        where = f" [{self.path}]" if self.path else ""
        return f"{self.severity} {self.code}{where}: {self.message}"

    def to_json(self) -> dict:
        """The warning as plain JSON data."""
        return {"code": self.code, "severity": self.severity, "path": self.path,
                "message": self.message}


def _label(profile) -> str:
    return getattr(profile, "label", "") or profile.name


def package_warnings(profile, facts: PackageFacts) -> list[Warning]:
    """What the profile's LMS says of the package before any learner opens it: format and
    edition it takes, sequencing, refused files, the identifier its administrators see, a
    single unit marked complete at launch, and the profile the package was made for."""
    found: list[Warning] = []
    lms, label = profile.lms, _label(profile)
    formats = tuple(getattr(profile, "formats", ()) or profile.package.formats)
    if formats and facts.standard not in formats:
        found.append(Warning("format-refused", f"{label} takes {' or '.join(formats)}, not "
                             f"{facts.standard}", severity=FAILURE))
    if facts.standard == "scorm2004" and facts.edition not in tuple(lms.scorm2004_editions):
        found.append(Warning(
            "edition-refused", f"this is a SCORM 2004 {facts.edition} Edition package; {label} "
            f"takes {' or '.join(lms.scorm2004_editions) or 'no'} edition", severity=FAILURE))
    if facts.sequencing and not lms.honours_sequencing:
        found.append(Warning("sequencing-ignored", "the manifest holds IMS Simple Sequencing "
                             f"(imsss:sequencing), which {label} does not take",
                             severity=FAILURE))
    refused = [name for name in facts.files if _refused(name, tuple(lms.refused_files))]
    if refused:
        found.append(Warning("refused-files", f"{label} refuses {', '.join(refused[:5])}"
                             + (f" and {len(refused) - 5} more" if len(refused) > 5 else ""),
                             severity=FAILURE))
    visible = int(lms.identifier_visible_chars or 0)
    if visible and facts.identifier and not meaningful(facts.identifier[:visible]):
        found.append(Warning(
            "identifier-not-meaningful", f"manifest identifier '{facts.identifier}': {label} "
            f"shows its first {visible} characters, '{facts.identifier[:visible]}', which do "
            "not name the course"))
    if lms.complete_on_launch and not facts.multi_unit and records.is_scorm(facts.standard):
        found.append(Warning(
            "complete-on-launch", f"{label} marks a single-unit course complete at launch: "
            f"'{facts.units[0].title if facts.units else 'the course'}' would be recorded "
            "completed before the learner starts", severity=FAILURE))
    if facts.profile is None:
        found.append(Warning("no-profile", "the package records no LMS profile (exported "
                             f"without --lms); export it with --lms {profile.name}"))
    elif facts.profile.name != profile.name:
        found.append(Warning("profile-mismatch", f"the package was exported for "
                             f"{facts.profile.name} {facts.profile.version}, checked against "
                             f"{profile.name}"))
    return found


def _refused(name: str, patterns: tuple[str, ...]) -> bool:
    base = name.rpartition("/")[2].lower()
    return any(base == p.lower() or base.endswith(p.lower()) for p in patterns)


def meaningful(text: str) -> bool:
    """Whether an identifier's visible part holds a word that names something: three letters
    or more, not a generic word (course, scorm, manifest...) and not a run of hex digits."""
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text))
    return any(w.lower() not in GENERIC_WORDS and not re.fullmatch(r"[a-fA-F]+", w)
               for w in words)


def warnings(run, profile, facts: PackageFacts) -> list[Warning]:
    """The warnings one journalled path (``run``, a :class:`studio.twin.journal.PathRun`)
    raises under the profile's LMS, in the order a tester reads them."""
    checks = (_score_after_status, _data_at_unload, _suspend_size, _score_max, _finish,
              _commit_interval, _lesson_mode, _interactions, _truncated, _api_errors,
              _first_score, _failed_final)
    if not records.is_scorm(run.standard):
        checks = (_suspend_size, _lost_statements)
    return [w for check in checks for w in check(run, profile, facts)]


def _named(code: str, message: str, run, failure: bool = False) -> list[Warning]:
    return [Warning(code, message, run.path, FAILURE if failure else WARNING)]


def _score_after_status(run, profile, facts) -> list[Warning]:
    """A report that sets a verdict status, then (before committing) the score it is about:
    an LMS that judges the status as it is set records the score in place then (adapt
    framework#2604). A later report that changes score then status is fine."""
    names = elements(run.standard)
    final = ({"passed", "failed", "completed"} if run.standard == "scorm12"
             else {"passed", "failed"})
    status_elements = names.status if run.standard == "scorm12" else ("cmi.success_status",)
    for launch in run.launches:
        score = None
        status = None  # (the status write, the score in place when it was set)
        suspect = None  # (status, score write) waiting for the end of its report
        for call in sorted(launch.calls, key=lambda c: c.seq):
            if call.fn in COMMIT | FINISH:
                if suspect:
                    break
                status = None
                continue
            if call.fn not in records.SET_VALUE or len(call.args) < 2:
                continue
            element, value = str(call.args[0]), str(call.args[1])
            if element in status_elements and value in final:
                suspect = None
                status = (call, score)
            elif element == names.score_raw:
                if status is not None and value != status[1]:
                    suspect = (status[0], call)
                score = value
        if suspect:
            said, late = suspect
            return _named("score-after-status", f"score written after status: "
                          f"{said.args[0]}={said.args[1]} at call {said.seq}, {late.args[0]} "
                          f"at call {late.seq}", run, bool(profile.player.score_before_status))
    return []


def _data_at_unload(run, profile, facts) -> list[Warning]:
    names = elements(run.standard)
    lost = profile.lms.unload_commit != "kept"
    only: dict[str, records.Write] = {}
    for launch in run.launches:
        found = records.writes(launch)
        early = {w.element for w in found if w.phase != "unload"}
        for write in found:
            if write.phase == "unload" and write.element not in early:
                if write.element not in only or only[write.element].value in ("", "normal"):
                    only[write.element] = write
    if not only:
        return []
    harmful = [e for e, w in only.items() if e != names.session_time
               and not (e == names.exit and w.value in ("", "normal"))]
    listed = ", ".join(f"{e}={w.value[:20]}" if e == names.exit else e for e, w in only.items())
    fate = ("lost: the LMS drops what is committed during page dismissal" if lost
            else "kept by this LMS, lost by browsers that end the page first")
    return _named("data-at-unload", f"data set only at unload: {listed} ({fate})", run,
                  lost and bool(harmful))


def _suspend_size(run, profile, facts) -> list[Warning]:
    limit = suspend_limit(profile, facts)
    if not limit:
        return []
    if records.is_scorm(run.standard):
        name = elements(run.standard).suspend
        sizes = [(len(w.value), f"{name} at call {w.seq}")
                 for launch in run.launches for w in records.writes(launch) if w.element == name]
    else:
        sizes = [(len(str(call.args[1])), f"state '{call.args[0]}' at call {call.seq}")
                 for launch in run.launches for call in launch.calls
                 if call.fn == "state" and len(call.args) >= 2]
    if not sizes:
        return []
    size, where = max(sizes)
    percent = 100 * size / limit
    if percent < SUSPEND_WARN_PERCENT:
        return []
    return _named("suspend-data-size", f"suspend data {percent:.0f} % of the limit: {size:,} of "
                  f"{limit:,} characters ({where})", run, size > limit)


def _score_max(run, profile, facts) -> list[Warning]:
    names = elements(run.standard)
    for launch in run.launches:
        written = [w for w in records.writes(launch) if w.ok]
        raw = next((w for w in written if w.element == names.score_raw), None)
        maxima = [number(w.value) for w in written if w.element == names.score_max]
        if raw is not None and not any(m and m > 0 for m in maxima):
            shown = "never set" if not maxima else f"{maxima[-1]:g}"
            return _named("score-max-missing", f"{names.score_raw}={raw.value} set at call "
                          f"{raw.seq} with {names.score_max} {shown}", run,
                          bool(profile.lms.needs_score_max))
    return []


def _finish(run, profile, facts) -> list[Warning]:
    if not profile.lms.needs_finish:
        return []
    unload_kept = profile.lms.unload_commit == "kept"
    launch = run.launches[-1] if run.launches else None
    calls = [c for c in (launch.calls if launch else ()) if c.fn in FINISH]
    if any(str(c.result) == "true" and records.commit_kept(launch, c, unload_kept)
           for c in calls):
        return []
    fn = "LMSFinish" if run.standard == "scorm12" else "Terminate"
    why = (f"{fn} at call {calls[0].seq} came during page dismissal and was lost" if calls
           else f"the player never called {fn}")
    return _named("no-finish", f"{_label(profile)} keeps a grade only after {fn}: {why}", run,
                  True)


def _commit_interval(run, profile, facts) -> list[Warning]:
    interval = float(profile.lms.min_commit_interval_seconds or 0)
    if not interval:
        return []
    close = []
    for launch in run.launches:
        ordered = sorted(launch.calls, key=lambda c: c.seq)
        # Commits as the page is hidden or dismissed are the lesson's end, which the LMS
        # allows; so is the one just before LMSFinish.
        commits = [c for i, c in enumerate(ordered) if c.fn in COMMIT and c.phase == "live"
                   and not any(n.fn in FINISH for n in ordered[i + 1:i + 2])]
        close += [(b.at_ms - a.at_ms, a, b) for a, b in zip(commits, commits[1:], strict=False)
                  if b.at_ms - a.at_ms < interval * 1000]
    if not close:
        return []
    gap, first, second = min(close, key=lambda x: x[0])
    return _named("commits-too-often", f"{len(close)} commit(s) less than {interval:g} s after "
                  f"the previous one, the closest {gap / 1000:.1f} s apart (calls {first.seq} "
                  f"and {second.seq}); {_label(profile)} asks for at most one every "
                  f"{interval:g} s", run)


def _lesson_mode(run, profile, facts) -> list[Warning]:
    names = elements(run.standard)
    mode_element = "cmi.core.lesson_mode" if run.standard == "scorm12" else "cmi.mode"
    for launch in run.launches:
        delivered = launch.delivered or {}
        if delivered.get("mode", "normal") != "":
            continue
        if delivered.get("completion_status") in ("completed", "passed"):
            continue  # a relaunch of a finished unit has nothing new to record
        recorded = [w for w in records.writes(launch) if w.ok and (
            w.element in names.status or w.element == names.score_raw
            or w.element.startswith("cmi.interactions."))]
        if not recorded:
            return _named("lesson-mode-empty", f"{mode_element} answered '' and the player "
                          f"then recorded no status, score or interaction (launch "
                          f"{launch.number})", run, True)
    return []


def _interactions(run, profile, facts) -> list[Warning]:
    for launch in run.launches:
        for write in records.writes(launch):
            if write.element.startswith("cmi.interactions.") and not write.ok:
                return _named("interactions-refused", f"{write.element} refused with error "
                              f"{write.error} at call {write.seq}: the LMS keeps no "
                              "interactions", run)
    return []


def _truncated(run, profile, facts) -> list[Warning]:
    standard = RESPONSE_LIMIT.get(run.standard, 0)
    limit = min(x for x in (standard, int(profile.player.response_limit or 0)) if x)
    suffix = "." + elements(run.standard).response
    for launch in run.launches:
        for write in records.writes(launch):
            if write.element.endswith(suffix) and len(write.value) >= limit:
                return _named("response-truncated", f"{write.element} holds {len(write.value)} "
                              f"characters at call {write.seq}, the limit is {limit}: the "
                              "learner's answer was cut", run)
    return []


def _api_errors(run, profile, facts) -> list[Warning]:
    tolerated = {"403"} if run.standard == "scorm2004" else set()
    seen = []
    for launch in run.launches:
        for call in launch.calls:
            code = str(call.error or "0")
            element = str(call.args[0]) if call.args else ""
            if code in ("0", "") or element.startswith("cmi.interactions."):
                continue
            if call.fn in records.GET_VALUE and code in tolerated:
                continue
            seen.append(f"{call.fn}({element}) error {code} at call {call.seq}")
    if not seen:
        return []
    more = f" and {len(seen) - 3} more" if len(seen) > 3 else ""
    return _named("api-error", f"API errors: {'; '.join(seen[:3])}{more}", run)


def _first_score(run, profile, facts) -> list[Warning]:
    if not records.first_score_only(profile, run.standard):
        return []
    name = elements(run.standard).score_raw
    unload_kept = profile.lms.unload_commit == "kept"
    scores = [w for launch in run.launches for w in records.committed(launch, unload_kept)
              if w.element == name]
    if len({w.value for w in scores}) < 2:
        return []
    first, last = scores[0], scores[-1]
    return _named("first-score-only", f"{_label(profile)} keeps the first score only: "
                  f"{name}={first.value} (call {first.seq}) stays; {last.value} at call "
                  f"{last.seq} is not recorded", run, True)


def _failed_final(run, profile, facts) -> list[Warning]:
    if not profile.lms.failed_is_final or run.standard != "scorm12":
        return []
    unload_kept = profile.lms.unload_commit == "kept"
    history = [w for launch in run.launches for w in records.committed(launch, unload_kept)
               if w.element == "cmi.core.lesson_status"]
    at = next((i for i, w in enumerate(history) if w.value == "failed"), None)
    later = [w for w in history[at + 1:] if w.value != "failed"] if at is not None else []
    if not later:
        return []
    failed = history[at]
    return _named("failed-is-final", f"cmi.core.lesson_status=failed at call {failed.seq} is "
                  f"final in {_label(profile)}: {later[-1].value} at call {later[-1].seq} is "
                  "not recorded", run, True)


def _lost_statements(run, profile, facts) -> list[Warning]:
    """xAPI/cmi5: statements and state the LRS did not keep (sent as the page was dismissed
    to an LMS that drops those, or refused)."""
    lost = []
    for launch in run.launches:
        dropped = {c.seq for c in launch.commits if not c.kept}
        lost += [c for c in launch.calls if c.seq in dropped
                 or (c.fn in ("statement", "state") and c.phase == "unload" and any(
                     m.seq >= c.seq and not m.kept for m in launch.commits))]
    if not lost:
        return []
    verbs = [records.verb_of({"verb": c.args[0]}) if c.fn == "statement" else f"state "
             f"'{c.args[0]}'" for c in lost if c.args]
    final = any(v in ("completed", "passed", "failed") for v in verbs)
    return _named("data-at-unload", f"not kept by the LRS: {', '.join(dict.fromkeys(verbs))} "
                  f"(first at call {lost[0].seq}, phase {lost[0].phase})", run, final)
