"""The lesson timeline: items laid out by duration, trimmed, split and reordered in place."""
