"""The X-ray report page: self-contained (plotly.js inlined once, nothing fetched), the same
bytes for the same measures, items by title, flags and funnel steps in words, a table beside
every plot."""

from __future__ import annotations

import re

from rows_for_tests import TableStore
from xray_cohort import cohort, planted, quiz_of, xray_course
from xray_report_fixture import report_course, report_xray

from studio.xray.compute import measure
from studio.xray.report_html import report_html
from studio.xray.result import XRay


def test_the_page_is_self_contained_and_the_same_twice():
    html = report_html(report_xray(), report_course())
    assert html == report_html(report_xray(), report_course())
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert html.count("plotly.js v") == 1  # the library inlined once
    assert "cdn" not in html.lower().replace("cdnjs", "").split("plotly.js v")[0]
    assert not re.search(r'<script[^>]+src=|<link[^>]+href=|<img ', html)
    ids = re.findall(r'<div id="(xray-plot-\d+)" class="plotly-graph-div"', html)
    assert ids == [f"xray-plot-{n}" for n in range(1, len(ids) + 1)]
    # a video, the question scatter, three response charts, a funnel, time spent
    assert len(ids) == 7


def test_every_plot_has_a_caption_and_a_table_after_it():
    html = report_html(report_xray(), report_course())
    figures = html.split("<figure>")[1:]
    assert len(figures) == 7
    for figure in figures:
        caption = re.search(r'<figcaption id="(xray-caption-\d+)">([^<]+)</figcaption>', figure)
        assert caption and caption[2].strip()
        assert f'aria-labelledby="{caption[1]}"' in figure
        assert figure.split("</figure>", 1)[1].lstrip().startswith("<table>")


def test_titles_words_and_numbers():
    html = report_html(report_xray(), report_course())
    text = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert "<h1>Course X-ray: Workshop &lt;safety&gt;</h1>" in text
    assert "Machine safety &amp; you" in text and "itm_clip" not in text.replace(
        'id="', "")
    assert "the drop-off is at 40 s, where 58 learners stopped watching" in text
    assert "<td>Lock out the machine</td>" in text or "Lock out the machine</th>" in text
    assert "Carry on &lt;quickly&gt;" in text
    assert "Red → Stop; Green → Go" in text
    assert '<span class="flag">negative discrimination</span>' in text
    assert '<span class="flag">too easy</span>, <span class="flag">low discrimination</span>' \
        in text
    assert "Check yourself at" not in text and "Machine safety &amp; you at 30 s" in text
    assert "Watched half the video" in text and "42%" in text
    assert "KR-20" in text and "0.41" in text
    assert "15 min 12 s" in text and "10 min 00 s" in text
    assert "20 s to 30 s" in text and "62%" in text
    assert "Statements about an older version (not counted)" in text


def test_right_answers_are_marked_in_words():
    text = report_html(report_xray(), report_course())
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="n">(\d+%)</td>'
                      r"<td>(yes|no)</td></tr>", text)
    assert ("Lock out the machine", "97%", "yes") in rows
    assert ("Ask a colleague", "2%", "no") in rows
    assert ("Red → Stop; Green → Go", "55%", "yes") in rows
    assert ("False", "50%", "yes") in rows or ("false", "50%", "yes") in rows


def test_an_empty_xray_says_so_without_plots():
    html = report_html(XRay("course-1", 0, 0, None), report_course())
    assert "plotly" not in html.lower()
    assert "No viewing data." in html and "No answers." in html


def test_the_measures_of_a_cohort_make_the_same_page_twice(tmp_path):
    """The page of real measures (the synthetic cohort through ``measure``): the same bytes
    for the same rows, the clip and the quiz by title, the planted questions flagged."""
    with xray_course(tmp_path) as project:
        course = project.course()
    statements = cohort(course, learners=200, seed=3).statements
    first = report_html(measure(course, TableStore(statements, course)), course)
    again = report_html(measure(course, TableStore(statements, course)), course)
    assert first == again
    text = re.sub(r"<script.*?</script>", "", first, flags=re.S)
    assert "Using a ladder" in text and "Ladder quiz" in text
    assert "<h2>Lessons</h2><h3>Ladders</h3>" in text
    negative, easy = planted(course)
    prompts = {q.id: q.prompt for q in quiz_of(course).questions}
    rows = dict(re.findall(r'<tr><th scope="row">\d+\. ([^<]+)</th>(.*?)</tr>', text))
    assert "negative discrimination" in rows[prompts[negative]]
    assert "too easy" in rows[prompts[easy]]
    # one right response per question: choices by id, fill-in by text, numeric by its range
    assert text.count("<td>yes</td>") == len(quiz_of(course).questions) + 1
