"""Widgets drawn by hand (QPainter) where Qt has none that fits."""
