"""The one percentile the project prints and stores: the database's definition (percentile_cont)."""

import pytest

from sim_core.percentile import percentile


def test_interpolates_between_ranks_as_the_database_does():
    # PostgreSQL: percentile_cont(0.25 / 0.5 / 0.9) within group (order by x) over 1, 2, 3, 4
    assert percentile([4, 1, 3, 2], 25) == pytest.approx(1.75)
    assert percentile([4, 1, 3, 2], 50) == pytest.approx(2.5)
    assert percentile([4, 1, 3, 2], 90) == pytest.approx(3.7)
    assert percentile(range(1, 101), 95) == pytest.approx(95.05)


def test_ends_and_a_single_value():
    assert percentile([3.0, 9.0, 5.0], 0) == 3.0 and percentile([3.0, 9.0, 5.0], 100) == 9.0
    assert percentile([7.5], 95) == 7.5


@pytest.mark.parametrize("values, pct", [([], 50), ([1, 2], 101), ([1, 2], 99.5)])
def test_nonsense_is_refused(values, pct):
    with pytest.raises(ValueError):
        percentile(values, pct)
