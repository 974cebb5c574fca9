"""What the interpolant searches prove, class by class, and what they could see.

Two tests read the searched valid rows (see :mod:`._interpolants` and
:mod:`._sparse_lines`):

* the exact test: a row on the line through two rows of its class, one of
  them a training row, with values no other row has. Clean data has no such
  rows, so three of them prove a leak;
* the rounded test (:mod:`._rounding`): a row within one grid step of such a
  line in every column, at one fraction, as SMOTE's output cast back to
  integers is. Natural rows pass it by chance on lattice data, so a class is
  judged against the reference class (the largest, which no over-sampler
  touches): more of its valid rows pass, at one of a few strength
  thresholds, than the reference's rate explains (Fisher's exact test at
  ``ALPHA``, Bonferroni over classes and thresholds), by at least three rows
  and 5 % of those searched.

What the tests could see is measured, not assumed: SMOTE rows are made from
each class's training rows as imbalanced-learn makes them (cast to the
columns' grids), and searched the same way. Where too few of them pass to
stand out from the reference, a SMOTE leak of that class would go unseen: the
class is ``blind``, and the report does not call the split clean on its word.

How much of each class's training part lies on lines through its own rows
(a sample of ``N_INNER`` training rows, each against the others, no end ruled
out) is weighed against the reference the same way. A class SMOTE made from
a few rows is mostly synthetic rows whose nearest rows are their siblings:
its leaked valid rows may not be traced to parents, but its training part
shows what made it.

Above ``MAX_SEARCHED`` valid rows a class is searched through a seeded random
sample: SMOTE puts synthetic rows in every part of a leaked split, so a
sample of a thousand finds them whenever they are more than a few percent of
the class; the report gives an estimate with its interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse, stats

from ._copies import ALPHA
from ._interpolants import ClassSearch, dense_search
from ._parts import EncodedSplit
from ._rounding import THRESHOLDS
from ._sparse_lines import mostly_missing_rows, sparse_search

# Valid rows of one class searched at most (a seeded random sample above).
MAX_SEARCHED = 1000
# SMOTE rows simulated per class to measure what the tests can see.
N_SIMULATED = 200
# Training rows per class tested against the others, no end ruled out.
N_INNER = 200
# Exact interpolants that prove a leak (clean data has none).
MIN_INTERPOLANTS = 3
_MIN_EXCESS = 3
_MIN_EXCESS_SHARE = 0.05
# Share of a class's training rows beyond the reference's that must lie on
# lines through other rows for its training part to count as interpolated.
_INNER_EXCESS_SHARE = 0.25
# Shares of a class's valid rows that simulated SMOTE leaks make synthetic,
# largest first: a leak to the data's own ratio (a default SMOTE leaves most
# of a minority synthetic), and to a partial ratio (half of it).
SIMULATED_SHARES = (0.75, 0.5)
# A simulated leak counts as seen where it would be called leaky in this
# share of its random draws (the usual power of a test).
POWER = 0.8
_SEED = 0


@dataclass(frozen=True)
class InterpolantEvidence:
    """Per class (in code order): rows searched, found by each test, what was seen."""

    eligible: np.ndarray  # valid rows that are not exact copies (nor mostly NaN)
    searched: np.ndarray
    found: np.ndarray  # exact test
    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    rounded: np.ndarray  # rows past the deciding strength threshold
    rounded_expected: np.ndarray  # at the reference's rate
    rounded_found: np.ndarray  # bool: significantly more than the reference
    extra: np.ndarray  # rounded rows the exact test did not find
    power: np.ndarray  # share of simulated SMOTE rows past the threshold
    power_reference: np.ndarray  # the reference's share past that threshold
    blind: np.ndarray  # bool: a SMOTE leak of the class would go unseen
    inner: np.ndarray  # share of sampled training rows on a line of others
    inner_reference: np.ndarray  # the reference's share at that threshold
    inner_found: np.ndarray  # bool: significantly and materially above it
    # (class, share of SIMULATED_SHARES): whether the interpolation tests
    # alone would call such a simulated SMOTE leak leaky
    seen: np.ndarray
    reference: int
    left_out: int  # valid rows left out for being mostly missing

    @property
    def interpolated(self) -> np.ndarray:
        """Classes with interpolants enough to prove a leak."""
        return (self.found >= MIN_INTERPOLANTS) | self.rounded_found


def interpolant_evidence(
    split: EncodedSplit,
    reference: int,
    candidates: np.ndarray | None = None,
) -> InterpolantEvidence:
    """Search each class's valid rows for interpolations of training rows.

    ``candidates`` (a mask) are classes the copy test could not tell from
    ``reference`` as the class no sampler touched (classes standing level,
    none of them copied: SMOTE kept as floats, or balanced data): the one
    whose rows pass the rounded test least often becomes the reference.
    """
    rng = np.random.default_rng(_SEED)
    k = split.n_classes
    missing = _mostly_missing(split.num_va)
    eligible = np.zeros(k, dtype=int)
    samples = []
    others = [] if candidates is None else list(np.flatnonzero(candidates))
    others = [int(c) for c in others if c != reference]
    for c in range(k):
        rows = np.flatnonzero((split.codes_va == c) & ~split.copied & ~missing)
        eligible[c] = rows.shape[0]
        if rows.shape[0] > MAX_SEARCHED:
            rows = np.sort(rng.choice(rows, MAX_SEARCHED, replace=False))
        samples.append(rows)
    searched = np.array([s.shape[0] for s in samples])
    single = _SingleRows(split, rng)
    nulls = {
        c: single.pick(c, MAX_SEARCHED - searched[c]) for c in [reference, *others]
    }
    null_rows = nulls[reference]
    if split.num_tr.shape[1] < 2 or not searched.sum() + null_rows.shape[0]:
        # nothing to search: SMOTE rows would go unseen too
        results = [ClassSearch.empty(n, N_SIMULATED) for n in searched]
    else:
        inner_rows = [single.pick(c, N_INNER) for c in range(k)]
        search = sparse_search if sparse.issparse(split.num_tr) else dense_search
        results = search(split, samples, N_SIMULATED, nulls, inner_rows)
        reference = _least_interpolated(results, [reference, *others])
    found = np.array([int(r.hits.sum()) for r in results])
    share = found / np.maximum(searched, 1)
    low = stats.beta.ppf(0.025, found, searched - found + 1)
    high = stats.beta.ppf(0.975, found + 1, searched - found)
    low = np.where(found > 0, low, 0.0) * eligible
    high = np.where(found < searched, high, 1.0) * eligible
    judged = _judge(results, reference, k)
    # A SMOTE leak leaves a class at least two training rows; with fewer
    # there is no leak of it to miss.
    judged["blind"] &= np.bincount(split.codes_tr, minlength=k) >= 2
    return InterpolantEvidence(
        eligible=eligible,
        searched=searched,
        found=found,
        estimate=share * eligible,
        low=low,
        high=high,
        reference=reference,
        left_out=int(missing.sum()),
        **judged,
    )


class _SingleRows:
    """Training rows with no twin anywhere and not mostly missing, by class.

    Of the reference, they join its valid rows as the null: it is never
    over-sampled, so its training rows are natural rows too; each is tested
    against the other rows (leaving itself out), which keeps the null large
    when the reference's valid part is small. Rows with a twin anywhere are
    left out, as copied valid rows are. The mask is read once, when first
    asked for (a large part seldom needs it).
    """

    def __init__(self, split: EncodedSplit, rng: np.random.Generator) -> None:
        self.split, self.rng = split, rng
        self._mask: np.ndarray | None = None

    def pick(self, c: int, room: int) -> np.ndarray:
        """Up to ``room`` such training rows of class ``c`` (a seeded sample)."""
        if room <= 0:
            return np.zeros(0, dtype=np.intp)
        split = self.split
        if self._mask is None:
            keys = np.concatenate([split.keys_tr, split.keys_va])
            _, inverse, counts = np.unique(
                keys, return_inverse=True, return_counts=True
            )
            single = counts[inverse[: split.keys_tr.shape[0]]] == 1
            self._mask = single & ~_mostly_missing(split.num_tr)
        rows = np.flatnonzero((split.codes_tr == c) & self._mask)
        if rows.shape[0] > room:
            rows = np.sort(self.rng.choice(rows, room, replace=False))
        return rows


def _least_interpolated(results: list[ClassSearch], candidates: list[int]) -> int:
    """Pick the candidate whose rows (valid, training left out) pass least often.

    A class SMOTE brought level with the largest one, kept as floats and then
    written at a fixed precision, holds as few copies as the class it was
    brought level with: the copy test cannot tell which was touched, but the
    touched one's rows lie on its rows' lines far more often. Only a clear
    difference (Fisher's test at ``ALPHA``, and 5 % of the rows) moves the
    reference off the copy test's choice (the first).
    """
    if len(candidates) < 2:
        return candidates[0]

    def passes(c: int) -> tuple[int, int]:
        rows = np.concatenate([results[c].strength, results[c].null])
        return int((rows > THRESHOLDS[0]).sum()), rows.shape[0]

    first = passes(candidates[0])
    best, best_rate = candidates[0], first[0] / max(first[1], 1)
    for c in candidates[1:]:
        hits, n = passes(c)
        rate = hits / max(n, 1)
        if n == 0 or rate >= best_rate - _MIN_EXCESS_SHARE:
            continue
        # only a clear difference moves the reference off the copy test's pick
        p = stats.fisher_exact(
            [[first[0], first[1] - first[0]], [hits, n - hits]], alternative="greater"
        ).pvalue
        if p < ALPHA:
            best, best_rate = c, rate
    return best


def _mostly_missing(num_va: object) -> np.ndarray:
    """Mark the valid rows with more than half their numeric cells missing."""
    if sparse.issparse(num_va):
        return mostly_missing_rows(num_va)
    if num_va.shape[1] == 0:
        return np.zeros(num_va.shape[0], dtype=bool)
    return np.isnan(num_va).mean(axis=1) > 0.5


def _judge(results: list[ClassSearch], reference: int, k: int) -> dict:
    """Give the rounded test's verdicts and the self-test's power, class by class."""
    null = np.concatenate([results[reference].strength, results[reference].null])
    rounded = np.zeros(k, dtype=int)
    expected = np.zeros(k)
    rounded_found = np.zeros(k, dtype=bool)
    extra = np.zeros(k, dtype=int)
    power = np.full(k, np.nan)
    power_reference = np.full(k, np.nan)
    blind = np.zeros(k, dtype=bool)
    inner = np.full(k, np.nan)
    inner_reference = np.full(k, np.nan)
    inner_found = np.zeros(k, dtype=bool)
    seen = np.zeros((k, len(SIMULATED_SHARES)), dtype=bool)
    tests = k * len(THRESHOLDS)
    for c in range(k):
        if c == reference:
            continue
        mine = results[c]
        p, at = _most_significant(mine.strength, null, tests)
        passes = mine.strength > at
        rounded[c] = int(passes.sum())
        expected[c] = _rate(null, at) * mine.strength.shape[0]
        rounded_found[c] = p < ALPHA / tests
        if rounded_found[c]:
            extra[c] = int((passes & ~mine.hits).sum())
        if mine.simulated.shape[0]:
            p_sim, at_sim = _most_significant(mine.simulated, null, tests)
            power[c] = float((mine.simulated > at_sim).mean())
            power_reference[c] = _rate(null, at_sim)
            blind[c] = p_sim >= ALPHA / tests
            n = mine.strength.shape[0]
            for i, share in enumerate(SIMULATED_SHARES):
                seen[c, i] = _mixture_seen(mine.simulated, null, n, share, tests)
        if mine.inner.shape[0] and results[reference].inner.shape[0]:
            p_in, at_in = _most_significant(mine.inner, results[reference].inner, tests)
            inner[c] = float((mine.inner > at_in).mean())
            inner_reference[c] = _rate(results[reference].inner, at_in)
            inner_found[c] = (p_in < ALPHA / tests) & (
                inner[c] - inner_reference[c] >= _INNER_EXCESS_SHARE
            )
    return {
        "rounded": rounded,
        "rounded_expected": expected,
        "rounded_found": rounded_found,
        "extra": extra,
        "power": power,
        "power_reference": power_reference,
        "blind": blind,
        "inner": inner,
        "inner_reference": inner_reference,
        "inner_found": inner_found,
        "seen": seen,
    }


def _mixture_seen(
    simulated: np.ndarray, null: np.ndarray, n: int, share: float, tests: int
) -> bool:
    """Whether a leak making ``share`` of ``n`` valid rows SMOTE rows is seen.

    At each threshold, the valid part of such a leak holds the simulated
    rows' rate on ``share`` of its rows and the null's rate on the others;
    it is called leaky where the count it reaches with probability
    ``POWER`` passes :func:`_most_significant`'s test at some threshold (a
    leak seen on average is missed in half its draws).
    """
    m = null.shape[0]
    if n == 0 or m == 0:
        return False
    for at in THRESHOLDS:
        chance = int((null > at).sum())
        rate = share * float((simulated > at).mean()) + (1 - share) * chance / m
        # the count such a leak reaches in most draws, not on average
        passes = int(stats.binom.ppf(1 - POWER, n, rate))
        if _excess_p(passes, n, chance, m) < ALPHA / tests:
            return True
    return False


def _rate(null: np.ndarray, at: float) -> float:
    return float((null > at).mean()) if null.shape[0] else 0.0


def _most_significant(
    strength: np.ndarray, null: np.ndarray, tests: int
) -> tuple[float, float]:
    """Fisher's p of more passes than the null, at the best threshold.

    A threshold only counts where the excess is material: at least three rows
    and 5 % of those searched beyond what the null's rate explains. Without
    null rows to compare with, nothing is significant.
    """
    best = (1.0, THRESHOLDS[-1])
    n, m = strength.shape[0], null.shape[0]
    if n == 0 or m == 0:
        return best
    for at in THRESHOLDS:
        passes, chance = int((strength > at).sum()), int((null > at).sum())
        p = _excess_p(passes, n, chance, m)
        if p < best[0]:
            best = (p, at)
    return best


def _excess_p(passes: int, n: int, chance: int, m: int) -> float:
    """Fisher's p of ``passes`` of ``n`` rows beside ``chance`` of ``m`` null rows.

    1.0 where the excess over the null's rate is not material: fewer than
    three rows, or than 5 % of the ``n``.
    """
    excess = passes - chance / m * n
    if excess < _MIN_EXCESS or excess < _MIN_EXCESS_SHARE * n:
        return 1.0
    return float(
        stats.fisher_exact(
            [[passes, n - passes], [chance, m - chance]], alternative="greater"
        ).pvalue
    )
