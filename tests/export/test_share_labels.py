"""A share near all or nothing on the exports' charts reads as format_percent writes it:
the briefing's progress bars (text and hover) and the deck's native chart labels."""

from __future__ import annotations

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from tracker.export import pptx as deck
from tracker.export.figures import progress_by_area
from tracker.i18n import using_language

TABLE = pd.DataFrame(
    {"average_progress": [99.96, 0.04, 50.0], "known": [3, 2, 1], "objectives": [3, 2, 1]},
    index=pd.Index(["almost", "hardly", "half"], name="area"),
)


def test_the_briefing_progress_bars_never_say_all_or_nothing() -> None:
    with using_language("sr-Cyrl"):
        (bar,) = progress_by_area(TABLE, {}).data
    assert list(bar.text) == [">99,9\u00a0%", "<0,1\u00a0%", "50\u00a0%"]
    assert list(bar.hovertext) == list(bar.text)
    assert "%{hovertext}" in bar.hovertemplate and ":.0f" not in bar.hovertemplate


def test_the_deck_labels_a_bar_near_the_ends_as_written() -> None:
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    data = CategoryChartData(number_format='0" %"')
    data.categories = list(TABLE.index)
    values = list(TABLE["average_progress"])
    data.add_series("progress", values)
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, Inches(6), Inches(3), data
    ).chart
    series = chart.plots[0].series[0]
    with using_language("sr-Latn"):
        deck._share_labels_near_the_ends(series, values)
    labels = [series.points[i].data_label for i in range(3)]
    assert [label.has_text_frame for label in labels] == [True, True, False]
    assert [labels[0].text_frame.text, labels[1].text_frame.text] == [">99,9\u00a0%", "<0,1\u00a0%"]
