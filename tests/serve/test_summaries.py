"""Unit checks of the summary helpers behind the timeline (no server needed)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.store.aggregates import _bulk_range, bucket_start, pick_interval


def test_bulk_range_leaves_out_far_off_dates():
    per_day = {date(1945, 5, 8): 1, date(2025, 3, 1): 40, date(2025, 3, 9): 50,
               date(2030, 1, 1): 1}
    assert _bulk_range(per_day, 0.95) == (date(2025, 3, 1), date(2025, 3, 9))
    assert _bulk_range(per_day, 1.0) == (date(1945, 5, 8), date(2030, 1, 1))


def test_bulk_range_prefers_the_latest_of_equal_windows():
    per_day = {date(2025, 1, 1): 10, date(2025, 6, 1): 10}
    assert _bulk_range(per_day, 0.5) == (date(2025, 6, 1), date(2025, 6, 1))


@pytest.mark.parametrize("first, last, interval", [
    (date(2025, 1, 1), date(2025, 3, 1), "day"),
    (date(2025, 1, 1), date(2025, 12, 31), "week"),
    (date(2020, 1, 1), date(2025, 1, 1), "month"),
])
def test_interval_follows_the_span(first, last, interval):
    assert pick_interval(first, last) == interval


def test_buckets_start_on_monday_and_the_first_of_the_month():
    assert bucket_start(date(2025, 6, 5), "week") == date(2025, 6, 2)  # a Thursday
    assert bucket_start(date(2025, 6, 5), "month") == date(2025, 6, 1)
    assert bucket_start(date(2025, 6, 5), "day") == date(2025, 6, 5)
