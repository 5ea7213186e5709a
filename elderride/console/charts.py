"""The "today" page's charts, drawn on the server as SVG by pygal: no chart script in a page."""

import base64
import sys
from collections.abc import Iterable
from typing import Any

import pygal
from pygal.etree import etree
from pygal.style import Style

# pygal appends to sys.meta_path a finder for its map plugins (unused here) that has only the old
# find_module API; on Python 3.11 every later import that reaches it raises an ImportWarning.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__module__ != "pygal"]

# Colours at least 3:1 against white (WCAG 1.4.11 for graphics), told apart by more than hue.
COLOURS = ("#1f4e99", "#b34700", "#2e7d32", "#6a1b9a", "#8a1111")
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#6b6b6b",
    colors=COLOURS,
    font_family='"Noto Sans", "Noto Sans CJK SC", system-ui, sans-serif',
    title_font_size=15,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=13,
    tooltip_font_size=13,
)


def _config(**options: Any) -> dict[str, Any]:
    # No pygal.js: it comes from a CDN, and the charts are pictures, not widgets.
    return dict(
        js=[],
        style=STYLE,
        width=560,
        height=280,
        explicit_size=True,
        disable_xml_declaration=True,
        legend_at_bottom=True,
        print_values=False,
        truncate_label=-1,
        truncate_legend=-1,
        **options,
    )


def data_uri(chart: pygal.graph.graph.Graph) -> str:
    """Return the chart as a data: URI for an <img> (the page's policy allows no inline styles)."""
    tree = chart.render_tree()
    # pygal writes its settings into a <script> for pygal.js, which is not used: leave it out.
    for parent in list(tree.iter()):
        for child in list(parent):
            if str(child.tag).endswith("script"):
                parent.remove(child)
    # pygal's tree is lxml's or the standard library's, whichever is installed: its own wrapper
    # serialises either.
    svg = etree.tostring(tree, encoding="utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _whole_numbers(counts: Iterable[int]) -> list[int]:
    """Y-axis steps of whole numbers: counts of calls have no fractions."""
    top = max([*counts, 1])
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step))


def per_hour(title: str, series: Iterable[tuple[str, list[int]]], hour_labels: list[str]) -> str:
    """A bar chart of counts per hour, one series per (name, 24 counts)."""
    chart = pygal.Bar(
        **_config(
            x_labels_major_every=3,
            show_minor_x_labels=False,
            y_labels=_whole_numbers([count for _, counts in series for count in counts]),
        )
    )
    chart.title = title
    chart.x_labels = hour_labels
    for name, counts in series:
        chart.add(name, counts)
    return data_uri(chart)


def shares(title: str, parts: Iterable[tuple[str, int]], no_data: str) -> str:
    """A ring of shares, one slice per (name, count)."""
    chart = pygal.Pie(**_config(inner_radius=0.45, no_data_text=no_data))
    chart.title = title
    for name, count in parts:
        chart.add(name, count)
    return data_uri(chart)


def buckets(title: str, name: str, labels: list[str], counts: list[int]) -> str:
    """A bar chart of counts in labelled buckets."""
    chart = pygal.Bar(**_config(show_legend=False, y_labels=_whole_numbers(counts)))
    chart.title = title
    chart.x_labels = labels
    chart.add(name, counts)
    return data_uri(chart)
