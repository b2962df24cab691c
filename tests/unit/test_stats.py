"""The exact two-sided binomial test, against a reference computed here by enumeration."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competency.stats import binomial_two_sided

#: scipy's relative tolerance, as an exact fraction.
TOLERANCE = Fraction(1) + Fraction(1, 10**7)


def reference(k: int, n: int, p: float | Fraction) -> float:
    """Every outcome no more likely than k (within the tolerance), summed exactly.

    Independent of the module: exact integers (`math.comb`), every outcome
    enumerated, and the observed outcome's expected value (k == pn)
    treated as ``scipy.stats.binomtest`` treats it. With p = a/b, outcome
    i has probability comb(n, i) a^i (b - a)^(n - i) / b^n, so only the
    numerators need comparing.
    """
    if n == 0 or k == p * n:
        return 1.0
    chance = Fraction(p)
    a, b = chance.numerator, chance.denominator
    weights = [math.comb(n, i) * a**i * (b - a) ** (n - i) for i in range(n + 1)]
    bound = weights[k] * TOLERANCE.numerator
    total = sum(w for w in weights if w * TOLERANCE.denominator <= bound)
    return float(min(Fraction(1), Fraction(total, b**n)))


def close(found: float, expected: float) -> bool:
    """Equal to 1e-9 relative (or 1e-300 absolute, for values that underflow)."""
    return math.isclose(found, expected, rel_tol=1e-9, abs_tol=1e-300)


CASES = [
    # edges: no trials, certain outcomes, the extremes of k
    (0, 0, 0.5),
    (0, 5, 0.0),
    (1, 5, 0.0),
    (5, 5, 0.0),
    (5, 5, 1.0),
    (4, 5, 1.0),
    (0, 5, 1.0),
    (0, 10, 0.5),
    (10, 10, 0.5),
    (0, 1, 0.5),
    (1, 1, 0.5),
    (0, 1, 0.999),
    # the observed outcome is the expected one
    (5, 10, 0.5),
    (1, 10, 0.1),
    (3, 12, 0.25),
    # symmetric ties (p = 1/2), and ordinary cases either side of the mean
    (7, 10, 0.5),
    (3, 10, 0.5),
    (2, 7, 0.3),
    (6, 7, 0.3),
    (4, 5, Fraction(1, 3)),
    (1, 5, Fraction(5, 6)),
    (4, 4, Fraction(1, 5)),
    (17, 40, Fraction(2, 7)),
    (0, 40, Fraction(2, 7)),
    (40, 40, Fraction(2, 7)),
    (31, 200, 0.1),
    (120, 200, 0.55),
    (1, 300, 0.001),
    (250, 300, 0.9),
    (0, 500, 0.01),
    (480, 1000, 0.5),
    (600, 1500, Fraction(43, 100)),
]


@pytest.mark.parametrize(("k", "n", "p"), CASES)
def test_matches_exact_enumeration(k: int, n: int, p: float | Fraction) -> None:
    """The p value equals the exact sum over every outcome no more likely than k."""
    assert close(binomial_two_sided(k, n, p), reference(k, n, p))


def test_known_values() -> None:
    """Hand-computed: 7 of 10 at 1/2 is 0.34375; 4 of 5 at 1/3 is 11/243; certainties."""
    assert close(binomial_two_sided(7, 10, 0.5), 0.34375)
    assert close(binomial_two_sided(4, 5, Fraction(1, 3)), 11 / 243)
    assert (binomial_two_sided(0, 5, 0.0), binomial_two_sided(1, 5, 0.0)) == (1.0, 0.0)
    assert (binomial_two_sided(5, 5, 1.0), binomial_two_sided(4, 5, 1.0)) == (1.0, 0.0)
    assert binomial_two_sided(0, 0, 0.3) == 1.0


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(0, 60),
    data=st.data(),
    p=st.one_of(
        st.fractions(0, 1, max_denominator=20),
        st.floats(0, 1, allow_nan=False),
    ),
)
def test_any_small_case_matches_enumeration(n: int, data: st.DataObject, p: object) -> None:
    """For any k, n <= 60 and p (fraction or float), the p value equals the enumeration."""
    assert isinstance(p, Fraction | float)
    k = data.draw(st.integers(0, n))
    assert close(binomial_two_sided(k, n, p), reference(k, n, p))


def test_large_n_against_exact_integers() -> None:
    """n = 20,000 at p = 1/2: twice the lower tail, summed exactly as integers over 2**n."""
    n, k = 20_000, 9_800
    term, tail = 1, 0
    for i in range(k + 1):
        tail += term
        term = term * (n - i) // (i + 1)
    expected = float(Fraction(2 * tail, 2**n))
    assert math.isclose(binomial_two_sided(k, n, 0.5), expected, rel_tol=1e-8)


def test_a_hundred_thousand_trials_neither_underflow_nor_take_long() -> None:
    """n = 100,000: a tiny but positive p, symmetric at 1/2, and 1 at the mean."""
    low = binomial_two_sided(49_000, 100_000, 0.5)
    assert 0 < low < 1e-9
    assert math.isclose(low, binomial_two_sided(51_000, 100_000, 0.5), rel_tol=1e-9)
    assert binomial_two_sided(50_000, 100_000, 0.5) == 1.0
    assert 0.05 < binomial_two_sided(30_100, 100_000, 0.3) < 1


def test_matches_scipy_when_installed() -> None:
    """Where scipy is installed, its binomtest gives the same p values (n >= 1)."""
    scipy_stats = pytest.importorskip("scipy.stats")
    for k, n, p in [*CASES, (49_000, 100_000, 0.5), (30, 100_000, 0.0003)]:
        if n == 0:
            continue
        share = float(str(p))
        expected = scipy_stats.binomtest(k, n, share).pvalue
        assert math.isclose(binomial_two_sided(k, n, share), expected, rel_tol=1e-7), (k, n, p)


@pytest.mark.parametrize(
    ("k", "n", "p", "error"),
    [
        (6, 5, 0.5, ValueError),
        (-1, 5, 0.5, ValueError),
        (1, 5, 1.5, ValueError),
        (1, 5, -0.1, ValueError),
        (1.0, 5, 0.5, TypeError),
        (1, "5", 0.5, TypeError),
        (True, 5, 0.5, TypeError),
        (1, 5, "0.5", TypeError),
    ],
)
def test_bad_arguments_are_refused(k: object, n: object, p: object, error: type) -> None:
    """Counts must be ints with 0 <= k <= n, and p a probability."""
    with pytest.raises(error):
        binomial_two_sided(k, n, p)  # type: ignore[arg-type]
