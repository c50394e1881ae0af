"""The player audit on the sample course's HTML5 export: the sample has no failure in
Chromium or in Qt WebEngine, and each planted defect (16 px targets, a focus trap, a
matching or drag and drop question whose list boxes are gone) fails exactly its criterion."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from player_new_types import new_types_course

from studio.a11y.findings import FAIL, PASS
from studio.export.exporter import export_course
from studio.export.package import ExportOptions
from studio.media.sample import build_sample
from studio.twin.a11y_player import player_findings
from studio.twin.engine import ChromiumEngine

AUDIT_BUDGET_S = 60  # the whole sample's audit, on a loaded 2-core machine


@pytest.fixture(scope="module")
def sample_package(tmp_path_factory) -> Path:
    """The sample course exported as HTML5 (preset "original"), unpacked."""
    root = tmp_path_factory.mktemp("a11y")
    project = build_sample(root / "Sample.course")
    try:
        export_course(project, ExportOptions("html", preset="original"), root / "sample.zip")
    finally:
        project.close()
    with zipfile.ZipFile(root / "sample.zip") as archive:
        archive.extractall(root / "sample")
    return root / "sample"


@pytest.fixture(scope="module")
def engine():
    with ChromiumEngine() as chromium:
        yield chromium


@pytest.fixture
def patched(sample_package, tmp_path):
    """patched(file, old, new) -> a copy of the sample package with ``old`` replaced by
    ``new`` once in ``file`` (a path inside the package)."""

    def patch(name: str, old: str, new: str) -> Path:
        folder = tmp_path / "package"
        if not folder.exists():
            shutil.copytree(sample_package, folder)
        target = folder / name
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        return folder

    return patch


def failing(findings) -> set[str]:
    return {f.criterion for f in findings if f.outcome == FAIL}


def test_the_sample_player_has_no_failure_and_evidence_for_each_check(sample_package, engine):
    started = time.monotonic()
    findings = player_findings(sample_package, engine=engine)
    took = time.monotonic() - started
    assert [f for f in findings if f.outcome == FAIL] == []
    passed = {f.criterion for f in findings if f.outcome == PASS}
    assert {"1.4.3", "4.1.2", "2.1.1", "2.1.2", "2.4.7", "2.4.11", "2.5.7", "2.5.8",
            "1.4.10", "1.4.4", "1.4.12", "2.4.2", "3.1.1", "2.4.1", "4.1.3", "3.3.1",
            "2.1.4", "1.3.4"} <= passed
    sources = {f.source for f in findings}
    assert {"axe", "keyboard", "pointer", "reflow", "player"} <= sources
    assert took < AUDIT_BUDGET_S, f"the audit took {took:.1f} s"
    # the same package, the same findings: a report of them is the same bytes
    assert player_findings(sample_package, engine=engine) == findings


def test_16_px_targets_fail_target_size_only(patched, engine):
    package = patched("index.html", "</head>", """<style>
  #menu, #previous, #next { min-width: 0; min-height: 0; width: 16px; height: 16px;
    padding: 0; overflow: hidden; font-size: 8px; line-height: 16px; }
  .pager { justify-content: flex-start; gap: 2px; }
</style>
</head>""")
    findings = player_findings(package, engine=engine)
    assert failing(findings) == {"2.5.8"}
    texts = [f.text for f in findings if f.outcome == FAIL]
    assert any("16 x 16 CSS px" in text for text in texts)


def test_a_focus_trap_fails_no_keyboard_trap_only(patched, engine):
    package = patched("index.html", "</head>", """<script>
  document.addEventListener("keydown", function (event) {
    if (event.key === "Tab" && event.target.closest && event.target.closest(".pager")) {
      event.preventDefault();
    }
  });
</script>
</head>""")
    findings = player_findings(package, engine=engine)
    assert failing(findings) == {"2.1.2"}
    assert any("Next" in f.text for f in findings if f.outcome == FAIL)


def test_a_drag_only_matching_question_fails_dragging_movements_only(patched, engine):
    # the matching question's list boxes (its click and keyboard alternative) are gone
    package = patched("player/questions.js", 'built.select.setAttribute("data-left", p.id);',
                      'built.select.setAttribute("data-left", p.id); built.row.hidden = true;')
    findings = player_findings(package, engine=engine)
    assert failing(findings) == {"2.5.7"}
    failure = next(f for f in findings if f.outcome == FAIL)
    assert "matching question" in failure.text and failure.item


def test_layout_and_focus_defects_fail_their_criteria(patched, engine):
    patched("index.html", "</head>", "<style>#ring:focus, #ring:focus-visible "
            "{ outline: none !important; }</style></head>")
    package = patched("index.html", '<p id="position" class="position"></p>', """
    <p id="position" class="position"></p>
    <p style="flex: none; width: 250px; height: 1.6em; overflow: hidden; margin: 0">
      Some words that fit one line</p>
    <p style="flex: none; width: 700px">A strip wider than a phone</p>
    <button type="button" id="ring">Ring</button>
    <button type="button" tabindex="-1">Mouse only</button>""")
    findings = player_findings(package, engine=engine)
    assert failing(findings) == {"1.4.10", "1.4.4", "1.4.12", "2.1.1", "2.4.7"}
    texts = " ".join(f.text for f in findings if f.outcome == FAIL)
    assert '"Mouse only"' in texts and "#ring" in texts and "320 CSS px" in texts


def test_a_drag_and_drop_question_without_its_list_boxes_fails_dragging_movements(package,
                                                                                 engine):
    folder = package(new_types_course())
    assert failing(player_findings(folder, engine=engine)) == set()
    script = folder / "player" / "question_dragdrop.js"
    script.write_text(script.read_text(encoding="utf-8").replace(
        "list.appendChild(chooser(item, i));", "chooser(item, i);"), encoding="utf-8")
    findings = player_findings(folder, engine=engine)
    assert failing(findings) == {"2.5.7"}
    assert "drag and drop question" in next(f.text for f in findings if f.outcome == FAIL)


QT_RUN = """
import json, sys
from pathlib import Path
from studio.twin.qt_engine import QtEngine
from studio.twin.a11y_player import player_findings
with QtEngine() as engine:
    found = player_findings(Path(sys.argv[1]), engine=engine)
print(json.dumps([f.as_json() for f in found]))
"""


def test_qt_webengine_audits_the_sample_with_the_same_failures(sample_package, tmp_path):
    # Qt WebEngine runs in a process of its own (see tests/twin/test_twin_paths.py)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", QT_RUN, str(sample_package)],
                          capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert {f["criterion"] for f in found if f["outcome"] == FAIL} == set()
    assert {"2.4.7", "2.1.2", "2.5.8", "1.4.10"} <= {
        f["criterion"] for f in found if f["outcome"] == PASS}
