"""The player audit: what a course's package does for accessibility in a browser, as findings.

The twin's server serves the unpacked package (``/pkg/``), the audit page (``/a11y/``:
``resources/a11y/audit.html``, ``audit.js`` and a minimal SCORM API for SCORM packages) and
axe-core (``/axe/``). A browser engine loads the audit page once per launch file; the page
plays the package in an iframe, walks its states (cover, every item, a clip's captions and
cue-point questions, each quiz before and after submit, the outline, the results) and checks
each: axe-core's WCAG 2.x A/AA rules, a keyboard walk, target sizes, drag questions answered by
clicks alone, reflow at 320 and 640 CSS px, text spacing and facts of the page. Its answer
becomes :class:`~studio.a11y.findings.Finding` objects (sources ``axe``, ``keyboard``,
``pointer``, ``reflow``, ``player``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from studio.a11y.criteria import BY_ID, from_axe_tag
from studio.a11y.findings import (
    FAIL,
    NOT_APPLICABLE,
    OUTCOMES,
    PASS,
    SOURCES,
    Finding,
    sort_key,
)
from studio.errors import TwinError
from studio.jobs import CancelToken, Progress, no_progress
from studio.resources import resources_dir
from studio.twin.engine import Engine
from studio.twin.package import MANIFEST, open_package
from studio.twin.runtime import axe_core_file
from studio.twin.server import TwinServer

AUDIT_TIMEOUT_S = 180  # seconds one launch's audit may take
LAUNCH_FILE = "index.html"  # what an HTML5, xAPI or cmi5 package of the studio opens

# What no player state can show, said once per audit (WCAG 2.2 Understanding documents).
FIXED = (
    Finding("2.5.4", NOT_APPLICABLE, "The player has no function operated by moving the "
            "device: it reads no device motion or orientation.", source="player"),
    Finding("3.3.4", NOT_APPLICABLE, "Learners make no legal commitment or financial "
            "transaction and change no stored data but their own answers.", source="player"),
    Finding("3.3.7", NOT_APPLICABLE, "The player asks for nothing a learner entered before "
            "in the same process: no forms beyond the questions themselves.", source="player"),
    Finding("3.3.8", NOT_APPLICABLE, "The player has no log-in: the LMS authenticates the "
            "learner before launching the course.", source="player"),
    Finding("2.5.2", PASS, "Every control is a native button, link or form field, which the "
            "browser activates on release of the pointer (the up-event).", source="pointer"),
    Finding("4.1.1", PASS, "WCAG 2.2 treats 4.1.1 Parsing as always satisfied for content "
            "in HTML (Understanding 4.1.1); the player is HTML5, parsed by the browser's "
            "HTML parser. EN 301 549 V3.2.1 still lists it as 9.4.1.1.", source="player"),
)


def audit_resources_dir() -> Path:
    """``resources/a11y``: the audit page (``audit.html``, ``audit.js``, ``lms_stub.js``);
    not checked to exist."""
    return resources_dir() / "a11y"


def launch_files(root: Path) -> tuple[str, ...]:
    """The launch URLs of an unpacked package, relative to ``root``: each unit's (SCO's) of
    ``imsmanifest.xml`` in manifest order (IMS CP 1.1.4), else ``index.html``. Raises
    :class:`TwinError` when there is neither, or the manifest cannot be read."""
    if (root / MANIFEST).is_file():
        return tuple(unit.href for unit in open_package(root).units)
    if (root / LAUNCH_FILE).is_file():
        return (LAUNCH_FILE,)
    raise TwinError(f"{root.name} has no imsmanifest.xml and no {LAUNCH_FILE}: the player "
                    "audit has nothing to launch.")


def player_findings(package_dir: Path, *, engine: Engine, progress: Progress = no_progress,
                    token: CancelToken | None = None) -> list[Finding]:
    """The findings of the player audit of ``package_dir`` (an unpacked package of any
    format: SCORM 1.2/2004, xAPI, cmi5, HTML5), sorted by :func:`studio.a11y.findings.
    sort_key`. Each launch file (:func:`launch_files`) is audited in ``engine`` (the caller
    keeps it open) within :data:`AUDIT_TIMEOUT_S` seconds; ``progress`` gets a fraction
    0..1 per launch, ``token`` is checked between launches (raises ``Cancelled``). Covers
    WCAG 2.2 1.3.4, 1.4.2, 1.4.4, 1.4.10, 1.4.12, 2.1.1, 2.1.2, 2.1.4, 2.2.2, 2.4.1-2.4.3,
    2.4.5, 2.4.7, 2.4.11, 2.5.1, 2.5.2, 2.5.4, 2.5.7, 2.5.8, 3.1.1, 3.2.1-3.2.4, 3.2.6,
    3.3.1, 3.3.3, 3.3.4, 3.3.7, 3.3.8, 4.1.3 and what axe-core's rules map to. Raises
    :class:`TwinError` for a package without a launch file, a missing axe-core, an engine
    that fails or an audit that stops."""
    token = token or CancelToken()
    root = Path(package_dir).resolve()
    launches = launch_files(root)
    axe = axe_core_file()
    results = []
    with TwinServer() as server:
        server.mount("pkg", root)
        server.mount("a11y", audit_resources_dir())
        server.mount("axe", axe.parent)
        for number, launch in enumerate(launches):
            token.check()
            progress(number / len(launches), f"Checking the player: launch {number + 1} of "
                     f"{len(launches)}")
            url = (f"{server.base}/a11y/audit.html?launch={quote('/pkg/' + launch)}"
                   f"&axe={quote('/axe/' + axe.name)}")
            results.append((launch, engine.run(url, AUDIT_TIMEOUT_S)))
    found = set(FIXED) | set(findings_of(results))
    if not any(f.criterion == "2.5.7" and f.outcome == FAIL for f in found):
        found.add(Finding("2.5.1", PASS, "No function needs a path-based or multipoint "
                          "gesture: every drag has a single-pointer alternative (2.5.7).",
                          source="pointer"))
    progress(1.0, "Player checked")
    return sorted(found, key=sort_key)


def findings_of(results: list[tuple[str, dict]]) -> list[Finding]:
    """The findings in the audit pages' answers, one ``(launch file, window.twinResult)``
    per launch (shape in ``resources/a11y/audit.js``): the problems as found; checks that
    ran clean as one PASS finding per criterion and check, their counts summed over the
    launches (none for a criterion that failed somewhere); axe-core's rules counted for
    every WCAG criterion their tags name (:func:`studio.a11y.criteria.from_axe_tag`).
    Raises :class:`TwinError` when an audit stopped before its end or ran out of time."""
    out: set[Finding] = set()
    tallies: dict[tuple, list[int]] = {}
    axe_passes: dict[str, dict[str, int]] = {}
    states = 0
    for launch, result in results:
        if result.get("error") or result.get("problems"):
            problem = result.get("error") or "; ".join(result.get("problems", []))
            raise TwinError(f"The player audit of {launch} stopped: {problem}.")
        states += len(result.get("states", []))
        for raw in result.get("findings", []):
            if raw.get("criterion") in BY_ID and raw.get("outcome") in OUTCOMES \
                    and raw.get("source") in SOURCES:
                out.add(Finding(raw["criterion"], raw["outcome"], str(raw.get("text", "")),
                                raw.get("item") or None, raw["source"],
                                str(raw.get("state", ""))))
        for raw in result.get("tallies", []):
            key = (raw["criterion"], raw["source"], raw["noun"], bool(raw.get("per_state")))
            summed = tallies.setdefault(key, [0, 0])
            summed[0] += int(raw.get("count", 0))
            summed[1] += int(raw.get("states", 0))
        axe = result.get("axe", {})
        for violation in axe.get("violations", []):
            for criterion in _criteria(violation.get("tags", [])):
                more = int(violation.get("more") or 0)
                also = f" (also in {more} more place{'' if more == 1 else 's'})" if more else ""
                out.add(Finding(criterion, FAIL, f"axe-core rule {violation['rule']}: "
                                f"{violation.get('help', '')} ({violation.get('target', '')})."
                                f"{also}",
                                violation.get("item") or None, "axe",
                                violation.get("state", "")))
        for rule, tally in axe.get("passes", {}).items():
            for criterion in _criteria(tally.get("tags", [])):
                rules = axe_passes.setdefault(criterion, {})
                rules[rule] = rules.get(rule, 0) + int(tally.get("nodes", 0))
    failing = {f.criterion for f in out if f.outcome == FAIL}
    for (criterion, source, noun, per_state), (count, seen) in sorted(tallies.items()):
        if criterion in failing or not BY_ID.get(criterion) or source not in SOURCES:
            continue
        where = f"{seen} player state{'' if seen == 1 else 's'}"
        text = f"{noun[:1].upper()}{noun[1:]} in all {where} checked." if per_state \
            else f"{count} {noun} in {where}."
        out.add(Finding(criterion, PASS, text, source=source))
    for criterion, rules in axe_passes.items():
        if criterion not in failing:
            out.add(Finding(criterion, PASS, f"axe-core rules {', '.join(sorted(rules))} passed "
                            f"on {sum(rules.values())} element checks in {states} player "
                            "states.", source="axe"))
    # a launch without the content a criterion is about says nothing against another's evidence
    decided = {f.criterion for f in out if f.outcome != NOT_APPLICABLE}
    return sorted((f for f in out if f.outcome != NOT_APPLICABLE or f.criterion not in decided),
                  key=sort_key)


def _criteria(tags: list[str]) -> list[str]:
    return sorted({c for c in (from_axe_tag(t) for t in tags) if c is not None})
