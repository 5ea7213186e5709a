"""The speech bench's own arithmetic: the order of its rounds, its report and its capacity search.

No clock is read: each rule is checked on figures made up for it.
"""

import math

from elderride.bench import rounds


def test_rounds_alternate_the_two_paths_repeat_after_repeat():
    order = rounds.interleaved(("record", "stream"), 3)
    assert order == [
        ("record", 1),
        ("stream", 1),
        ("record", 2),
        ("stream", 2),
        ("record", 3),
        ("stream", 3),
    ]
    assert all(first[0] != second[0] for first, second in zip(order, order[1:], strict=False))


def _round(mode, repeat, p50, p99=None, *, answered=10, failed=0):
    return {
        "mode": mode,
        "repeat": repeat,
        "answered": answered,
        "failed": failed,
        "p50": p50,
        "p99": p99 if p99 is not None else p50,
    }


def test_the_ratio_is_taken_within_each_repeat_and_reported_with_its_spread():
    # Listed out of order on purpose: pairing must follow the repeat, not the position.
    made = [
        _round("stream", 2, 1500),
        _round("record", 1, 4000),
        _round("record", 3, 6000),
        _round("stream", 1, 1000),
        _round("record", 2, 3000),
        _round("stream", 3, 3000),
    ]
    report = rounds.summarize(made, "record", "stream", ("p50", "p99"))
    # 4000/1000, 3000/1500, 6000/3000: the median of the ratios is 2, where the ratio of the
    # medians (4000/1500) would have said 2.67.
    assert report["record_over_stream_p50"] == {
        "median": 2.0,
        "min": 2.0,
        "max": 4.0,
        "each": [4.0, 2.0, 2.0],
    }
    assert report["record"]["median_p50"] == 4000 and report["stream"]["median_p50"] == 1500
    assert report["record"]["rounds"] == report["stream"]["rounds"] == 3
    assert report["stream"]["answered"] == 30


def test_a_round_nobody_was_answered_in_counts_its_failures_but_no_ratio():
    made = [
        _round("record", 1, 4000),
        _round("stream", 1, None, answered=0, failed=10),
        _round("record", 2, 3000),
        _round("stream", 2, 1000, failed=2),
    ]
    made[1]["p99"] = None
    report = rounds.summarize(made, "record", "stream", ("p50", "p99"))
    assert report["record_over_stream_p50"]["each"] == [3.0]
    assert report["stream"]["failed"] == 12 and report["stream"]["median_p50"] == 1000


def test_a_call_never_answered_is_as_late_as_can_be():
    assert rounds.reply_p99([1.0] * 9, failed=0) == 1.0
    assert rounds.reply_p99([1.0] * 9, failed=1) == math.inf
    assert rounds.reply_p99([], failed=3) == math.inf


def test_the_search_doubles_then_closes_in_on_the_most_calls_held():
    def measure(calls):
        return 1.0 if calls <= 37 else 2.0

    search = rounds.find_capacity(measure, start=8, limit=200, resolution=4)
    assert [calls for calls, _ in search.trials] == [8, 16, 32, 64, 48, 40, 36]
    assert (search.held, search.first_missed) == (36, 40)


def test_the_search_stops_at_its_limit_when_every_level_is_held():
    search = rounds.find_capacity(lambda calls: 0.5, start=8, limit=100, resolution=4)
    assert [calls for calls, _ in search.trials] == [8, 16, 32, 64, 100]
    assert (search.held, search.first_missed) == (100, None)


def test_the_goal_itself_is_held_and_anything_past_it_is_not():
    search = rounds.find_capacity(
        lambda calls: 1.5 if calls <= 10 else 1.501, start=10, limit=20, resolution=1
    )
    assert (search.held, search.first_missed) == (10, 11)


def test_a_missed_first_level_is_searched_below_and_failed_calls_hold_nothing():
    search = rounds.find_capacity(
        lambda calls: 1.0 if calls <= 5 else 2.0, start=8, limit=200, resolution=1
    )
    assert [calls for calls, _ in search.trials] == [8, 4, 6, 5]
    assert (search.held, search.first_missed) == (5, 6)
    search = rounds.find_capacity(lambda calls: math.inf, start=8, limit=200, resolution=4)
    assert (search.held, search.first_missed, search.trials) == (
        0,
        4,
        [(8, math.inf), (4, math.inf)],
    )


def test_a_noisy_level_only_lowers_the_answer():
    # One bad moment at 16 calls; 24 would have been held, but nothing above a miss is tried.
    search = rounds.find_capacity(
        lambda calls: 3.0 if calls == 16 else 1.0, start=8, limit=200, resolution=2
    )
    assert max(calls for calls, _ in search.trials) == 16
    assert (search.held, search.first_missed) == (14, 16)


def test_streams_per_worker_shares_the_median_held_among_the_workers_rounding_down():
    assert rounds.streams_per_worker([70, 64, 80], workers=2) == 35
    assert rounds.streams_per_worker([65], workers=2) == 32
    assert rounds.streams_per_worker([0, 0, 1], workers=2) == 1


def test_streams_open_at_once_are_counted_at_their_busiest_moment():
    assert rounds.most_at_once([(0, 10), (1, 2), (3, 4), (3.5, 5)]) == 3
    # One ending as the next starts is one at a time.
    assert rounds.most_at_once([(0, 1), (1, 2), (2, 3)]) == 1
    assert rounds.most_at_once([]) == 0


def test_what_one_core_hears_counts_only_levels_where_every_call_was_answered():
    levels = [
        {"answered": 8, "failed": 0, "streams_per_core": 12.0},
        {"answered": 4, "failed": 0, "streams_per_core": 9.0},
        {"answered": 16, "failed": 0, "streams_per_core": 20.0},
        # Calls that fell behind stop streaming early: their audio per CPU second flatters.
        {"answered": 10, "failed": 6, "streams_per_core": 40.0},
        {"answered": 0, "failed": 8, "streams_per_core": 50.0},
    ]
    assert rounds.streams_one_core_hears(levels) == 12.0
    assert rounds.streams_one_core_hears(levels[3:]) is None
