"""An essay's text as each format keeps it: one line in SCORM (a run-time that checks responses
with "." patterns refuses a line break), cut to each edition's limit; whole in xAPI."""

from __future__ import annotations

from studio.quiz.interactions import scorm12_interaction, scorm2004_interaction, xapi_response

ESSAY = {"type": "essay", "prompt": "Reflect", "maxLength": 4000}
TEXT = "{Plan} ahead [daily].\r\nSleep more.\nRead\u2028more. " + "x" * 5000


def test_scorm_keeps_the_text_on_one_line_within_its_limits():
    one = scorm12_interaction(ESSAY, TEXT, None)
    four = scorm2004_interaction(ESSAY, TEXT, None)
    assert (one["type"], four["type"]) == ("fill-in", "long-fill-in")
    assert one["student_response"] == ("{Plan} ahead [daily]. Sleep more. Read more. "
                                       + "x" * 5000)[:255]
    assert four["learner_response"] == ("(Plan} ahead (daily). Sleep more. Read more. "
                                        + "x" * 5000)[:4000]
    assert (one["result"], four["result"], four["correct_responses"]) == (
        "neutral", "neutral", [])


def test_xapi_keeps_the_whole_text():
    assert xapi_response(ESSAY, TEXT) == TEXT
