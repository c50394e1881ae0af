"""HTML question text to plain text: the quick path for plain tags reads every markup exactly
as the HTML parser does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.quiz import html_text
from studio.quiz.html_text import html_to_text

PIECES = st.sampled_from([
    "<p>", "</p>", "<P>", "<br>", "<br/>", "<BR />", "</br>", "<b>", "</b>", "<div class=x>",
    "<img src=a.png>", '<img src="a.png" alt="x > y">', "<!-- <p> -->", "<!doctype html>",
    "<script>a<b</script>", "<style>p{}</style>", "<textarea>x<p>y</textarea>",
    "<title>t</title>", "&amp;", "&lt;p&gt;", "&nbsp;", "&#8217;", "&#x41;", "&bogus;", "AT&T",
    "&", "<", ">", "a < b", "\n", " ", "\t", "\r", "\xa0", "word", "é", "<o:p>", "</o:p>",
    "<h1>", "<li>", "<table><tr><td>", "<p\nclass=y>", "<a href=/x/y>", "</p >", "<h7>",
    "<?php x ?>", "<![CDATA[x]]>", "<1>", "< p>", "<p/", "<br/ >",
])


def _by_parser(markup: str) -> str:
    parser = html_text._Text()
    parser.feed(markup)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip()
             for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


@settings(max_examples=400, deadline=None)  # a loaded machine stalls single cases
@given(st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=12).map("".join))
def test_quick_path_reads_as_the_parser(markup):
    assert html_to_text(markup) == _by_parser(markup)


def test_common_question_markup():
    assert html_to_text("<p>Which part holds the <strong>DNA</strong>?</p>"
                        "<p>Cell&nbsp;&amp; tissue&#8217;s</p>") == (
        "Which part holds the DNA?\nCell\xa0& tissue\u2019s")
    assert html_to_text("plain  text\n\n  on two lines ") == "plain text\non two lines"
    assert html_to_text('<p><img src="x.png" alt="a > b"> after</p>') == "after"
