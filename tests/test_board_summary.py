"""The review's sentences: each names the wave it compares with, and an open wave states no conclusion."""

from board.summary import Headlines, summarise

Q2 = "2011-12 Q1 (April to June 2011)"
Q3 = "2011-12 Q2 (July to September 2011)"


def _h(quarter, published, repeat=0, responses=100, satisfied=40.0, interval=2.0, answered=120, is_open=False):
    low, high = (None, None) if satisfied is None else (satisfied - interval, satisfied + interval)
    return Headlines(
        quarter,
        published_plans=published,
        asked=151,
        answered=answered,
        repeat_non_responders=repeat,
        carer_responses=responses,
        satisfied_pct=satisfied,
        satisfied_lower=low,
        satisfied_upper=high,
        is_open=is_open,
    )


def test_summary_counts_more_published_plans_and_repeat_non_responders_since_a_named_wave():
    sentences = summarise(
        _h("2011-Q3", 14, repeat=12, responses=250, satisfied=48.5),
        _h("2011-Q2", 10, responses=200, satisfied=40.0),
        Q3,
        Q2,
    )
    assert sentences == [
        "120 of the 151 commissioners asked sent a return.",
        f"4 more commissioners have a published plan than in {Q2} (14 of the 151 asked).",
        f"12 commissioners asked sent no return in this wave nor in {Q2}.",
        f"250 carers answered the survey (200 in {Q2}).",
        f"Carers satisfied with support: 48.5%, +8.5 points since {Q2}: better.",
    ]


def test_a_change_within_the_95_percent_interval_is_no_clear_change():
    sentences = summarise(_h("2011-Q3", 10, satisfied=42.5), _h("2011-Q2", 10, satisfied=40.0), Q3, Q2)
    assert (
        f"Carers satisfied with support: 42.5%, +2.5 points since {Q2}: no clear change (within the 95% interval)."
        in sentences
    )


def test_summary_says_no_change_when_nothing_changed():
    sentences = summarise(_h("2011-Q3", 10), _h("2011-Q2", 10), Q3, Q2)
    assert (
        f"No change since {Q2} in the number of commissioners with a published plan (10 of the 151 asked)." in sentences
    )
    assert f"No commissioner asked missed both this wave and {Q2}." in sentences


def test_summary_of_a_first_wave_has_nothing_to_compare_with():
    sentences = summarise(_h("2011-Q2", 10, repeat=None, responses=1, satisfied=None), None, Q2, None)
    assert sentences == [
        f"{Q2} is the first wave of its series, so there is nothing to compare it with.",
        "120 of the 151 commissioners asked sent a return.",
        "10 commissioners have published a plan (10 of the 151 asked).",
        "1 carer answered the survey.",
    ]


def test_an_open_wave_says_returns_so_far_and_claims_nothing_about_non_response():
    sentences = summarise(_h("2026-Q4", 3, repeat=0, answered=5, is_open=True), _h("2026-Q3", 2), "now", "before")
    assert "This wave is still open: 5 of 151 returns so far." in sentences
    assert not any("missed both" in s or "no return" in s for s in sentences)


def test_fewer_published_plans_read_as_fewer_and_one_more_is_singular():
    assert (
        summarise(_h("2011-Q3", 8), _h("2011-Q2", 10), Q3, Q2)[1]
        == f"2 fewer commissioners have a published plan than in {Q2} (8 of the 151 asked)."
    )
    assert (
        summarise(_h("2011-Q3", 11), _h("2011-Q2", 10), Q3, Q2)[1]
        == f"1 more commissioner has a published plan than in {Q2} (11 of the 151 asked)."
    )
