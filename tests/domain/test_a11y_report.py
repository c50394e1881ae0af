"""The conformance report: every criterion listed once in WCAG order, the JSON the issue
asks for, the same bytes for the same findings, an accessible HTML page in the VPAT 2.5 INT
layout and a tagged PDF with the rows' text."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser

import pypdfium2
from a11y_fakes import AUTHOR, LOW_CONTRAST, MEDIA, PLAYER

from studio.a11y.criteria import CRITERIA
from studio.a11y.findings import FAIL, PASS, REVIEW, Finding
from studio.a11y.report import METHODS, STATEMENTS_METHOD, ProductFacts, build_report
from studio.a11y.report_html import report_html
from studio.a11y.report_pdf import report_pdf
from studio.a11y.statements import Statement
from studio.a11y.verdicts import VERDICTS

FACTS = ProductFacts(name="Safety basics", version="2.1", identifier="course-1",
                     language="de", author="A. Designer", file="Safety.course",
                     date="2026-11-02", engine="Chromium")
STATEMENT = Statement("1.3.3", "supports", "Instructions never rely on shape or colour.",
                      "2026-11-20", "A. Designer")
FINDINGS = [*AUTHOR, *MEDIA, *PLAYER, LOW_CONTRAST]


def report(findings=FINDINGS, statements=(STATEMENT,)):
    return build_report(FACTS, findings, statements)


def test_every_criterion_is_listed_once_in_wcag_order():
    rows = report().to_json()["criteria"]
    assert [r["id"] for r in rows] == [c.id for c in CRITERIA]
    levels = {r["level"] for r in rows}
    assert levels == {"A", "AA", "AAA"}
    assert sum(1 for c in CRITERIA if c.level in ("A", "AA") and not c.obsolete) == 55


def test_json_has_the_shape_the_issue_asks_for():
    data = report().to_json()
    assert set(data) == {"report", "summary", "criteria"}
    assert data["report"]["name"] == "Safety basics" and data["report"]["version"] == "2.1"
    assert data["report"]["date"] == "2026-11-02"
    for row in data["criteria"]:
        assert row["verdict"] in VERDICTS
        assert isinstance(row["items"], list) and isinstance(row["evidence"], list)
        assert {"id", "level", "verdict", "items", "evidence"} <= set(row)
    by_id = {r["id"]: r for r in data["criteria"]}
    assert by_id["1.4.3"]["verdict"] == "does-not-support"
    assert by_id["1.4.3"]["items"] == ["itm_slide"]
    assert by_id["1.4.3"]["evidence"][0]["text"].startswith("Slide 2")
    assert by_id["1.3.3"]["verdict"] == "supports"
    assert by_id["1.3.3"]["statement"]["date"] == "2026-11-20"
    assert by_id["1.2.4"]["verdict"] == "not-applicable"
    assert by_id["2.1.2"]["verdict"] == "supports"
    assert by_id["3.1.5"]["advisory"] is True


def test_summary_counts_the_a_and_aa_rows_only():
    built = report()
    summary = built.to_json()["summary"]
    assert list(summary) == list(VERDICTS)
    assert sum(summary.values()) == len(CRITERIA) - 1  # 3.1.5 is advice
    assert summary["does-not-support"] == 1
    assert [r.criterion.id for r in built.failures()] == ["1.4.3"]


def test_the_same_findings_in_any_order_give_the_same_bytes():
    shuffled = list(FINDINGS)
    random.Random(4).shuffle(shuffled)
    first, second = report(), report(shuffled)
    assert json.dumps(first.to_json()) == json.dumps(second.to_json())
    assert report_html(first) == report_html(second)


def test_methods_follow_the_sources_of_the_findings():
    methods = report().facts.methods
    assert methods == (METHODS["author"], METHODS["media"], METHODS["axe"],
                       METHODS["keyboard"], STATEMENTS_METHOD)
    assert build_report(FACTS, AUTHOR).facts.methods == (METHODS["author"],)


class Outline(HTMLParser):
    """The page's headings, table captions, header cells and attributes that matter."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_the_page_is_in_the_vpat_int_layout_and_accessible():
    html = report_html(report())
    page = Outline()
    page.feed(html)
    tags = page.tags
    assert ("html", {"lang": "en"}) in tags
    assert [t for t, _ in tags].count("h1") == 1
    assert not any(t in ("script", "link", "img") for t, _ in tags)
    assert all(a.get("scope") in ("row", "col") for t, a in tags if t == "th")
    assert [t for t, _ in tags].count("caption") == [t for t, _ in tags].count("table")
    text = " ".join(page.text)
    for heading in ("Name of Product/Version", "Report Date", "Evaluation Methods Used",
                    "Applicable Standards/Guidelines", "Table 1: Success Criteria, Level A",
                    "Table 2: Success Criteria, Level AA", "Remarks and Explanations",
                    "Conformance Level", "Legal Disclaimer", "EN 301 549 Report"):
        assert heading in text
    for c in CRITERIA:
        assert f"{c.id} {c.title}" in text
    assert "EN 301 549: 9.1.4.3 (Web)" in text
    assert "Revised Section 508: E205.4 (Web)" in html
    assert "Author's statement" in text and "2026-11-20" in text
    assert '<span lang="de">Safety basics</span>' in html
    # the 4.1.3 row is WCAG 2.1: no Section 508 provision
    row = re.search(r"4\.1\.3 Status Messages.*?</th>", html).group()
    assert "508" not in row


def test_the_pdf_is_tagged_and_holds_every_row(tmp_path):
    target = report_pdf(report(), tmp_path / "report.pdf")
    assert target.read_bytes().startswith(b"%PDF-")
    pdf = pypdfium2.PdfDocument(str(target))
    assert pypdfium2.raw.FPDFCatalog_IsTagged(pdf.raw)
    assert pdf.get_metadata_dict()["Title"] == "Accessibility Conformance Report: Safety basics"
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    text = " ".join(text.split())
    for c in CRITERIA:
        assert c.id in text
    assert "Does Not Support" in text and "Slide 2" in text
    assert not list(tmp_path.glob(".*partial"))


def test_review_and_fail_items_are_listed_once():
    found = [Finding("2.4.4", FAIL, "Link 'here'", item="itm_2"),
             Finding("2.4.4", REVIEW, "Link 'more'", item="itm_2"),
             Finding("2.4.4", PASS, "ok", item="itm_3")]
    row = next(r for r in report(found).to_json()["criteria"] if r["id"] == "2.4.4")
    assert row["items"] == ["itm_2"]


def test_the_page_names_items_by_title_and_leaves_commands_to_the_terminal():
    found = [Finding("1.2.2", FAIL, "Clip “Talk” has sound but no captions in en; attach a "
                     "caption file (studio captions DIR itm_talk FILE).", item="itm_talk")]
    page = report_html(build_report(FACTS, found, (), {"itm_talk": "Talk to the team"}))
    row = re.search(r"1\.2\.2 Captions.*?</tr>", page, re.S).group()
    assert "Items concerned: “Talk to the team”" in row
    assert "item “Talk to the team”" in row
    assert "itm_talk" not in page and "(studio" not in page and "DIR" not in page
    assert "attach a caption file. (item “Talk to the team”; source: author)" in row
    # the JSON keeps the ids
    data = build_report(FACTS, found, (), {"itm_talk": "Talk to the team"}).to_json()
    assert next(r for r in data["criteria"] if r["id"] == "1.2.2")["items"] == ["itm_talk"]
