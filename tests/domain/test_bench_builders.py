"""The benchmarks' course builders still work with the current core (at a tiny size), so a
change in the commands cannot silently break `make bench`."""

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_core_bench_builds_and_measures_a_small_course(tmp_path, monkeypatch):
    bench = load("bench_core")
    monkeypatch.setattr(bench, "MODULES", 1)
    monkeypatch.setattr(bench, "LESSONS", 2)
    monkeypatch.setattr(bench, "ITEMS", 8)
    path = tmp_path / "Bench.course"
    _, videos = bench.build(path)
    figures = bench.measure(path, videos)
    assert figures and all(value >= 0 for value in figures.values())


def test_export_bench_course_exports(tmp_path):
    bench = load("bench_export")
    project = bench.build_course(tmp_path, files=2, total_mb=1)
    options = bench.ExportOptions("scorm2004", preset="original")
    bench.baseline(project, options, tmp_path / "baseline.zip", sync=False)
    assert (tmp_path / "baseline.zip").stat().st_size > 1_000_000 * 0.9
    project.close()
