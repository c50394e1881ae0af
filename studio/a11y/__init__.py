"""Accessibility conformance of a course: the WCAG 2.2 A/AA success criteria with their
EN 301 549 clauses (``criteria``), what the checks found (``findings``), the author's own
statements for what no tool decides (``statements``) and the verdict per criterion
(``verdicts``), laid out as a VPAT 2.x "INT" conformance report.
"""
