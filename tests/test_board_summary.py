from board.summary import Headlines, summarise


def _h(quarter, published, repeat=0, responses=100, satisfied=40.0, had_break=None):
    return Headlines(quarter, published, 151, repeat, responses, satisfied, had_break)


def test_summary_counts_more_published_plans_and_repeat_non_responders():
    sentences = summarise(
        _h("2011-Q3", 14, repeat=12, responses=250, satisfied=42.5), _h("2011-Q2", 10, responses=200, satisfied=40.0)
    )
    assert sentences == [
        "4 more commissioners published plans this quarter (14 in all).",
        "12 commissioners have not responded twice running.",
        "250 carers answered the survey (last quarter: 200).",
        "Carers satisfied with support: 42.5%, up 2.5 points since last quarter.",
    ]


def test_summary_says_no_change_when_nothing_changed():
    sentences = summarise(_h("2011-Q3", 10), _h("2011-Q2", 10))
    assert sentences[0] == "No change in the number of commissioners with published plans (10)."
    assert "Every commissioner responded in at least one of the last two quarters." in sentences
    assert "Carers satisfied with support: 40.0%, no change since last quarter." in sentences


def test_summary_of_a_first_quarter_has_nothing_to_compare_with():
    sentences = summarise(_h("2011-Q2", 10, repeat=None, responses=1, satisfied=None), None)
    assert sentences == [
        "2011-Q2 is the first quarter with data, so there is nothing to compare it with yet.",
        "10 commissioners have published plans.",
        "1 carer answered the survey.",
    ]


def test_fewer_published_plans_read_as_fewer():
    assert (
        summarise(_h("2011-Q3", 8), _h("2011-Q2", 10))[0]
        == "2 fewer commissioners have a published plan than last quarter (8 in all)."
    )


def test_one_more_is_singular():
    assert (
        summarise(_h("2011-Q3", 11), _h("2011-Q2", 10))[0]
        == "1 more commissioner published plans this quarter (11 in all)."
    )
