"""The timeline's editing rules, as plain functions."""

import pytest

from studio.ui.timeline import logic
from studio.ui.timeline.logic import Box

CLIP = Box("c1", "video", "Clip", start=10.0, duration=4.0, in_point=2.0, out_point=6.0,
           source_duration=8.0)


def test_out_edge_drag_moves_the_out_point_within_the_source():
    assert logic.trim_by_drag(CLIP, "out", -1.5) == (2.0, 4.5)
    assert logic.trim_by_drag(CLIP, "out", 5.0) == (2.0, 8.0)  # the source ends at 8 s
    assert logic.trim_by_drag(CLIP, "out", -10.0) == (2.0, 2.0 + logic.MIN_CLIP)


def test_in_edge_drag_never_passes_the_start_or_the_out_point():
    assert logic.trim_by_drag(CLIP, "in", 1.0) == (3.0, 6.0)
    assert logic.trim_by_drag(CLIP, "in", -5.0) == (0.0, 6.0)
    assert logic.trim_by_drag(CLIP, "in", 9.0) == (6.0 - logic.MIN_CLIP, 6.0)


def test_dragged_edge_snaps_to_a_target_within_tolerance_only():
    # the out edge sits at 14 s; dragged to 15.9 it snaps to the playhead at 16 s
    assert logic.trim_by_drag(CLIP, "out", 1.9, [16.0], 0.2) == (2.0, 8.0)
    assert logic.trim_by_drag(CLIP, "out", 1.0, [16.0], 0.2) == (2.0, 7.0)
    with pytest.raises(ValueError):
        logic.trim_by_drag(CLIP, "middle", 1.0)


def test_layout_places_items_end_to_end_and_markers_take_no_time():
    from studio.model import ItemKind, Quiz, Slide, VideoClip

    items = [VideoClip("v", ItemKind.VIDEO, "V", "l", asset_id="a", in_point=1, out_point=4),
             Quiz("q", ItemKind.QUIZ, "Q", "l"),
             Slide("s", ItemKind.SLIDE, "S", "l", slide_duration=5)]
    boxes = logic.layout(items, {"a": 10.0})
    assert [(b.item_id, b.start, b.duration) for b in boxes] == [
        ("v", 0, 3), ("q", 3, 0), ("s", 3, 5)]
    assert boxes[0].source_duration == 10.0 and boxes[1].is_marker
    assert logic.box_at(boxes, 3.05, marker_tolerance=0.1).item_id == "q"
    assert logic.box_at(boxes, 4.0).item_id == "s"
    assert logic.edge_at(boxes, 2.95, 0.1) == (boxes[0], "out")


def test_drop_index_counts_the_other_items_before_the_pointer():
    boxes = [Box("a", "video", "A", 0, 4), Box("b", "video", "B", 4, 4),
             Box("c", "video", "C", 8, 4)]
    assert logic.drop_index(boxes, "c", 1.0) == 0
    assert logic.drop_index(boxes, "a", 7.0) == 1
    assert logic.drop_index(boxes, "a", 11.0) == 2


def test_split_time_is_the_source_time_under_the_playhead_away_from_the_edges():
    assert logic.split_time(CLIP, 11.5) == 3.5
    assert logic.split_time(CLIP, 10.0) is None
    assert logic.split_time(Box("s", "slide", "S", 0, 5), 2) is None


def test_shuttle_doubles_up_to_the_limit_and_k_stops():
    rate = 0.0
    for expected in (1, 2, 4, 8, 8):
        rate = logic.shuttle(rate, "L")
        assert rate == expected
    assert logic.shuttle(rate, "J") == -1 and logic.shuttle(-1, "J") == -2
    assert logic.shuttle(-4, "K") == 0


def test_ruler_step_keeps_labels_apart():
    assert logic.ruler_step(40) == 2  # 80 px per 2 s
    assert logic.ruler_step(400) == 0.2
    assert logic.ruler_step(0.01) == 3600
    assert logic.timecode(3725.5, precise=True) == "1:02:05.5"
