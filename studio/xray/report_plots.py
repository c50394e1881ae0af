"""The X-ray report's plots: plotly figures written as HTML fragments for one page.

:class:`Plots` numbers the figures of a page (``xray-plot-1``, ``-2`` …, never random ids, so
the same measures give the same bytes) and inlines plotly.js once, in the first figure: the
page needs no network and no CDN. Every plot is drawn in the Okabe–Ito colours (safe for
colour-blind readers) and repeats what colour says with a marker shape, a dash or a text
label (WCAG 2.2 1.4.1); the page puts a data table beside each one (plots alone are not
accessible). plotly is imported only when a page is drawn.
"""

from __future__ import annotations

from studio.xray.result import (
    FUNNEL_STEPS,
    NEGATIVE_DISCRIMINATION,
    TOO_EASY,
    TOO_HARD,
    LessonMeasures,
    QuestionMeasures,
    VideoMeasures,
    decimals,
)

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
BLUE, ORANGE, VERMILION, GREEN, SKY, PURPLE, GREY = (
    "#0072B2", "#E69F00", "#D55E00", "#009E73", "#56B4E9", "#CC79A7", "#595959")
FONT = {"family": 'system-ui, "DejaVu Sans", sans-serif', "size": 13, "color": "#1b1b1b"}
CONFIG = {"displayModeBar": False, "responsive": True, "displaylogo": False}
HEIGHT = 320  # pixels, every plot's height

FUNNEL_WORDS = {"launched": "Launched", "first_item": "Reached the first item",
                "half_video": "Watched half the video", "quiz_attempted": "Attempted the quiz",
                "passed": "Passed"}


class Plots:
    """The figures of one page, written in page order: ``html(figure)`` returns the fragment
    (a ``div`` with id ``xray-plot-N`` and its script; plotly.js inlined in the first)."""

    def __init__(self) -> None:
        self.count = 0

    def html(self, figure) -> str:
        """The figure as an HTML fragment (plotly's ``to_html``, no full page)."""
        import plotly.io as pio

        self.count += 1
        return pio.to_html(figure, full_html=False, include_plotlyjs=self.count == 1,
                           include_mathjax=False, div_id=f"xray-plot-{self.count}",
                           config=CONFIG, default_width="100%", default_height=f"{HEIGHT}px",
                           validate=False)


def _figure(x_title: str, y_title: str, **layout):
    import plotly.graph_objects as go

    figure = go.Figure()
    figure.update_layout({"template": "simple_white", "height": HEIGHT, "font": FONT,
                          "margin": {"l": 56, "r": 16, "t": 24, "b": 48},
                          "legend": {"orientation": "h", "y": 1.12, "x": 0},
                          "xaxis_title": x_title, "yaxis_title": y_title} | layout)
    return figure


def video_figure(video: VideoMeasures):
    """Viewers per second of the current item (bars), re-watches (a dashed line), the drop-off
    (a vertical dash-dot line with its second, the cliff's seconds shaded; the caption and
    table give its count) and each rewind cluster (an arrow from where
    learners sought back to where they landed, with its count)."""
    import plotly.graph_objects as go

    seconds = list(range(len(video.viewers_per_second)))
    figure = _figure("Second of the item (current cut)", "Learners")
    figure.add_trace(go.Bar(x=seconds, y=list(video.viewers_per_second), name="Viewers",
                            marker_color=SKY, marker_line_width=0,
                            hovertemplate="%{x} s: %{y} viewers<extra></extra>"))
    figure.add_trace(go.Scatter(x=seconds, y=list(video.rewatches_per_second),
                                name="Re-watches", mode="lines",
                                line={"color": ORANGE, "dash": "dash"},
                                hovertemplate="%{x} s: %{y} re-watches<extra></extra>"))
    top = max((*video.viewers_per_second, *video.rewatches_per_second, 1))
    if video.drop_off_s is not None:
        if video.drop_off_span and video.drop_off_span[0] < video.drop_off_span[1]:
            figure.add_vrect(x0=video.drop_off_span[0], x1=video.drop_off_span[1] + 1,
                             fillcolor=VERMILION, opacity=0.12, line_width=0)
        figure.add_vline(x=video.drop_off_s, line_color=VERMILION, line_dash="dashdot",
                         line_width=2,
                         annotation_text=f"drop-off {video.drop_off_s:g} s",
                         annotation_position="top right", annotation_font_color=VERMILION)
    for cluster in video.rewinds:
        figure.add_annotation(x=cluster.to_s, y=top * 1.08, ax=cluster.from_s, ay=top * 1.08,
                              xref="x", yref="y", axref="x", ayref="y", showarrow=True,
                              arrowhead=2, arrowcolor=PURPLE, arrowwidth=2,
                              text=f"{cluster.count} rewinds", font_color=PURPLE,
                              yshift=8)
    figure.update_yaxes(range=[0, top * 1.2], rangemode="tozero")
    figure.update_xaxes(range=[0, max(video.length_s, 1)])
    return figure


def questions_figure(questions: tuple[QuestionMeasures, ...]):
    """Facility (x, share right) against discrimination (y) of every measured question; a
    question's marker says its worst flag by shape and colour (negative discrimination: red
    cross; too easy or too hard: orange diamond; else a blue circle) and carries a number
    that the page's questions table lists."""
    import plotly.graph_objects as go

    figure = _figure("Facility (share of first answers right)", "Discrimination",
                     showlegend=True)
    groups = (("Negative discrimination", VERMILION, "x",
               lambda q: NEGATIVE_DISCRIMINATION in q.flags),
              ("Too easy or too hard", ORANGE, "diamond",
               lambda q: TOO_EASY in q.flags or TOO_HARD in q.flags),
              ("Other questions", BLUE, "circle", lambda q: True))
    shown = [(n, q) for n, q in enumerate(questions, 1)
             if q.facility is not None and q.discrimination is not None]
    placed: set[int] = set()
    for name, colour, symbol, wanted in groups:
        these = [(n, q) for n, q in shown if n not in placed and wanted(q)]
        placed.update(n for n, _ in these)
        if not these:
            continue
        figure.add_trace(go.Scatter(
            x=[q.facility for _, q in these], y=[q.discrimination for _, q in these],
            text=[str(n) for n, _ in these],
            customdata=[[q.prompt, decimals(q.facility), decimals(q.discrimination)]
                        for _, q in these],
            mode="markers+text", textposition="top center", name=name,
            marker={"color": colour, "symbol": symbol, "size": 11,
                    "line": {"width": 1, "color": "#1b1b1b"}},
            hovertemplate="%{text}. %{customdata[0]}<br>facility %{customdata[1]}, "
                          "discrimination %{customdata[2]}<extra></extra>"))
    figure.add_hline(y=0, line_color=GREY, line_dash="dot")
    figure.update_xaxes(range=[-0.05, 1.05])
    figure.update_yaxes(range=[-1.05, 1.05])
    return figure


def choices_figure(labels: list[str], shares: list[float], right: list[bool]):
    """Share of first answers per response (horizontal bars, right answers green and marked
    "(right)" in their label, distractors grey)."""
    import plotly.graph_objects as go

    names = [f"{label} (right)" if ok else label for label, ok in zip(labels, right, strict=True)]
    figure = _figure("Share of first answers", "", showlegend=False,
                     height=max(140, 48 + 30 * len(labels)))
    figure.add_trace(go.Bar(x=shares, y=names, orientation="h",
                            marker_color=[GREEN if ok else GREY for ok in right],
                            texttemplate="%{x:.0%}", textposition="outside",
                            textfont={"size": 12}, cliponaxis=False,
                            hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    figure.update_xaxes(range=[0, 1.08], tickformat=".0%")
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure


def funnel_figure(lesson: LessonMeasures):
    """The lesson's completion funnel: learners at each step that applies, with the share of
    those who launched."""
    import plotly.graph_objects as go

    steps = [s for s in FUNNEL_STEPS if lesson.funnel.get(s) is not None]
    figure = _figure("", "", showlegend=False)
    figure.add_trace(go.Funnel(y=[FUNNEL_WORDS[s] for s in steps],
                               x=[lesson.funnel[s] for s in steps],
                               textinfo="value+percent initial", marker_color=BLUE,
                               textfont_color="#ffffff"))
    return figure


def time_figure(lessons: tuple[LessonMeasures, ...]):
    """Median time learners spent in each lesson (solid bars) beside the time planned for it
    (hatched bars), in minutes."""
    import plotly.graph_objects as go

    names = [lesson.title for lesson in lessons]
    figure = _figure("", "Minutes", barmode="group")
    figure.add_trace(go.Bar(x=names, y=[_minutes(lesson.time_spent_s) for lesson in lessons],
                            name="Spent (median)", marker_color=BLUE))
    figure.add_trace(go.Bar(x=names, y=[_minutes(lesson.planned_s) for lesson in lessons],
                            name="Planned", marker_color=ORANGE,
                            marker_pattern_shape="/"))
    return figure


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 2)
