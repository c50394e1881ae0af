# The two commands of the README, and the benchmarks.
SAMPLE ?= build/Sample.course
PY := .venv/bin/python
STUDIO := .venv/bin/studio

.PHONY: demo test bench setup lms-matrix

setup:
	bash scripts/setup.sh

demo: setup
	rm -rf $(SAMPLE) && mkdir -p build
	$(STUDIO) sample $(SAMPLE)
	$(STUDIO) ls $(SAMPLE)
	$(STUDIO) export $(SAMPLE) --format scorm2004 -o build/sample-scorm2004.zip
	$(STUDIO) validate build/sample-scorm2004.zip
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(STUDIO) gui $(SAMPLE); \
	else echo "No display here: the sample course is in $(SAMPLE) and its package in build/; open it with 'studio gui $(SAMPLE)' on a desktop."; fi

test:
	bash scripts/setup.sh test
	$(PY) -m ruff check studio tests bench
	bash scripts/run-tests.sh

bench:
	bash scripts/setup.sh bench
	$(PY) bench/bench_core.py
	$(PY) bench/bench_export.py
	$(PY) bench/bench_media.py
	$(PY) bench/bench_smart_render.py
	$(PY) bench/bench_slides.py
	$(PY) bench/bench_concurrency.py
	$(PY) bench/bench_alignment.py
	$(PY) bench/bench_moodle_import.py
	$(PY) bench/bench_narration.py
	$(PY) bench/bench_a11y.py
	$(PY) bench/bench_xray.py
	$(PY) bench/bench_dask.py
	$(PY) bench/bench_segments.py
	$(PY) bench/bench_time_to_package.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_ui.py

# Every LMS profile x every learner path in the LMS twin (the sample course, exported per LMS).
lms-matrix:
	bash scripts/setup.sh test
	$(PY) scripts/lms_matrix.py --engine chromium
