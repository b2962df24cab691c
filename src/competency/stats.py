"""The one statistical test the tool makes: the exact two-sided binomial test.

`binomial_two_sided(k, n, p)` is the p value of observing `k` successes in
`n` trials when each succeeds with probability `p`: the probabilities of
every outcome no more likely than `k` (within the relative tolerance
``1 + 1e-7`` that ``scipy.stats.binomtest`` uses for ties), summed, at most
1. No dependency: the probabilities are worked out in log space (`lgamma`),
so nothing underflows before it has to, and team sizes up to 100,000 and
more take milliseconds. `competency calibrate` uses it (docs/format.md,
section 10).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

__all__ = ["RELATIVE_TOLERANCE", "binomial_two_sided"]

#: Outcomes whose probability is at most the observed one's times this count as
#: "no more likely" (scipy's ``rerr``): ties survive rounding.
RELATIVE_TOLERANCE = 1 + 1e-7

#: A tail's sum stops once the terms still to add cannot change it by this much.
_NEGLIGIBLE = 2.0**-60


def binomial_two_sided(k: int, n: int, p: float | Fraction) -> float:
    """The exact two-sided binomial test's p value, as ``scipy.stats.binomtest(k, n, p)``.

    >>> round(binomial_two_sided(7, 10, 0.5), 6)
    0.34375
    >>> binomial_two_sided(0, 5, 0.0)
    1.0
    """
    _check(k, n, p)
    if n == 0 or k == p * n:  # the observed outcome is the expected one
        return 1.0
    if p == 0 or p == 1:  # one outcome is certain, and it is not k
        return 0.0
    chance = float(p)
    log_p, log_q = math.log(chance), math.log1p(-chance)
    log_n = math.lgamma(n + 1)

    def log_pmf(i: int) -> float:
        return log_n - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q

    limit = log_pmf(k) + math.log(RELATIVE_TOLERANCE)
    # The probabilities rise up to the mode and fall after it, so the outcomes no
    # more likely than k are two tails: 0..low and high..n.
    mode = min(n, max(0, math.floor((n + 1) * chance)))
    low = _last(0, mode, lambda i: log_pmf(i) <= limit)
    high = _first(mode + 1, n, lambda i: log_pmf(i) <= limit)
    total = _tail(log_pmf, range(low, -1, -1), n) + _tail(log_pmf, range(high, n + 1), n)
    return min(1.0, total)


def _check(k: int, n: int, p: float | Fraction) -> None:
    """Counts are whole numbers with 0 <= k <= n; p is a probability."""
    for name, value in (("k", k), ("n", n)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"binomial_two_sided(): {name} must be an int, not {value!r}")
    if not isinstance(p, float | int | Fraction) or isinstance(p, bool):
        raise TypeError(f"binomial_two_sided(): p must be a float or a Fraction, not {p!r}")
    if not 0 <= k <= n:
        raise ValueError(f"binomial_two_sided(): expected 0 <= k <= n, got k={k}, n={n}")
    if not 0 <= p <= 1:
        raise ValueError(f"binomial_two_sided(): p must be between 0 and 1, got {p!r}")


def _last(start: int, end: int, holds: Callable[[int], bool]) -> int:
    """The last i in start..end for which `holds` (true on a prefix), or start - 1."""
    lo, hi = start, end  # invariant: holds up to lo - 1, fails from hi + 1
    while lo <= hi:
        middle = (lo + hi) // 2
        if holds(middle):
            lo = middle + 1
        else:
            hi = middle - 1
    return hi


def _first(start: int, end: int, holds: Callable[[int], bool]) -> int:
    """The first i in start..end for which `holds` (true on a suffix), or end + 1."""
    lo, hi = start, end
    while lo <= hi:
        middle = (lo + hi) // 2
        if holds(middle):
            hi = middle - 1
        else:
            lo = middle + 1
    return lo


def _tail(log_pmf: Callable[[int], float], outward: range, n: int) -> float:
    """The probabilities of a tail summed from its inner end outwards.

    They only fall outwards, so the sum stops once the term just added,
    times the number of terms left, is negligible against the sum.
    """
    terms: list[float] = []
    total = 0.0
    for i in outward:
        term = math.exp(log_pmf(i))
        terms.append(term)
        total += term
        if term == 0.0 or term * n <= total * _NEGLIGIBLE:
            break
    return math.fsum(terms)
