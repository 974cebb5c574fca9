"""Copies across a split: random over-sampling before it, or the data's nature.

A class is called over-sampled only when it shows all four marks random
over-sampling leaves and natural duplication does not leave together: level
with the largest class, copies spread evenly, copies on both sides of the
split, and material beyond the reference class's natural twin rate. Why each
mark, and how it is read where a sampler run after the split cannot fake it:
``docs/design.rst``, "How the audit tells over-sampling from nature".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse, stats

from ._parts import EncodedSplit

# Significance of the excess-copies test behind "inconclusive" (Bonferroni
# over classes), and of the bound on the reference's natural rate.
ALPHA = 1e-3
_MIN_COPIES = 3
# Valid copies needed to call a class over-sampled: below that, the balance
# of a few rows says nothing (3 of 10 rows is "level" with 7 by chance).
_MIN_COPIES_LEAK = 10
_MIN_EXCESS_SHARE = 0.05
# Mark 4: extra copies per distinct row that count as over-sampling.
_MIN_LAMBDA = 0.25
# Slack for model error in marks 2 and 3, on top of the sampling noise.
_SHAPE_SLACK = 0.05
_RATE_SLACK = 0.10
# A class that has nearly every distinct feature row of the data lives on a
# saturated lattice: its rows have twins by nature.
_SATURATED_SHARE = 0.9
# Share of the valid rows the data's own twins must explain for the copy test
# to be blind to over-sampling.
_REPETITIVE_SHARE = 0.5
# Piled copies (SMOTE cast to whole numbers on few-valued columns): the class
# stands level with the reference to this share of its rows (ADASYN lands
# near the target, not on it), has at least this many extra copies per
# distinct row, at most this share of its distinct rows single, and the
# reference's natural twins explain at most this share of its own valid rows.
_PILED_LEVEL = 0.05
_PILED_LAMBDA = 0.5
_PILED_SINGLE_SHARE = 0.5
_PILED_REFERENCE_SHARE = 0.1
# The lowest ratio to the reference at which a valid part stands where a
# sampler's target leaves it (``sampling_strategy=0.5``).
PARTIAL_RATIO = 0.5


@dataclass(frozen=True)
class Overlap:
    """The reference class's valid rows found in the train part."""

    copies: int
    valid_rows: int
    expected: float  # at the train part's own twin rate


@dataclass(frozen=True)
class CopyEvidence:
    """Per class (in code order): what the copy test saw and decided."""

    valid_rows: np.ndarray
    copies: np.ndarray
    expected: np.ndarray
    copies_per_row: np.ndarray  # lambda of the docstring
    single_share: np.ndarray
    over_sampled: np.ndarray  # bool: all four marks
    inconclusive: np.ndarray  # bool
    saturated: np.ndarray  # bool: inconclusive because the lattice is full
    regular: np.ndarray  # bool: inconclusive, copies repeat too evenly for chance
    repetitive: np.ndarray  # bool: inconclusive, natural twins explain the copies
    piled: np.ndarray  # bool: over-sampled, copies piled unevenly (lattice SMOTE)
    light: np.ndarray  # bool: inconclusive, copied evenly, but few copies per row
    uneven: np.ndarray  # bool: inconclusive, level and copied, but not evenly
    reference: int
    rows: np.ndarray  # rows of the class in both parts
    distinct: np.ndarray  # distinct rows of the class in both parts
    ordered: np.ndarray  # bool: over-sampled, and split without shuffling
    overlap: Overlap | None  # the parts share rows beyond a random split's
    candidates: np.ndarray  # bool: classes as likely as the reference to be untouched


def copy_evidence(split: EncodedSplit, reference: int | None = None) -> CopyEvidence:
    """Weigh the valid rows' copies in the train part, class by class.

    ``reference``: the class no sampler touched, where the interpolant tests
    told it apart (default: the copy test's own choice).
    """
    k = split.n_classes
    codes_tr, codes_va, copied = split.codes_tr, split.codes_va, split.copied
    keys_tr, keys_va = split.keys_tr, split.keys_va
    n_va = np.bincount(codes_va, minlength=k)
    rows = np.bincount(codes_tr, minlength=k) + n_va
    copies = np.bincount(codes_va, weights=copied, minlength=k).astype(int)

    # Keys include the label, so distinct keys are distinct rows of one class.
    keys = np.concatenate([keys_tr, keys_va])
    _, first, counts = np.unique(keys, return_index=True, return_counts=True)
    key_class = np.concatenate([codes_tr, codes_va])[first]
    distinct = np.bincount(key_class, minlength=k)
    single = np.bincount(key_class, weights=counts == 1, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        lam = np.where(distinct > 0, rows / np.maximum(distinct, 1) - 1.0, 0.0)
        single_share = np.where(distinct > 0, single / np.maximum(distinct, 1), 1.0)

    # Mark 2: the copies are spread as random draws spread them.
    poisson = np.exp(-lam)
    noise = 3 * np.sqrt(poisson * (1 - poisson) / np.maximum(distinct, 1))
    evenly = single_share <= poisson + noise + _SHAPE_SLACK
    suspect = evenly & (lam >= _MIN_LAMBDA)

    # Mark 3: the copies fall on both sides of the split.
    f = n_va / np.maximum(rows, 1)
    both_sides = np.exp(-lam * (1 - f)) * (1 + lam * f) / (1 + lam)
    predicted = 1 - both_sides
    rate = copies / np.maximum(n_va, 1)
    spread = 3 * np.sqrt(predicted * (1 - predicted) / np.maximum(n_va, 1))
    on_both_sides = (rate >= predicted - spread - _RATE_SLACK) & (copies >= _MIN_COPIES)

    # Mark 1: level with the largest class in both parts together (the
    # resampled data), and in the valid part, or short there only because the
    # split kept the data's order (the train part then holds more of the class
    # than of the largest one, which a sampler run after the split never does).
    n_tr = rows - n_va
    level_all = level(rows)
    level_valid = (n_va > 0) & level(n_va)
    pool = level_all & level_valid if (level_all & level_valid).any() else level_all
    chosen = _reference(level_all & level_valid, level_all, suspect, lam)
    if suspect[chosen]:
        # A valid part without the untouched class (the over-sampled class
        # alone): that class is the one the other was brought level with.
        absent = level_all & (n_va == 0) & ~suspect & (rows == rows[chosen])
        if absent.any():
            chosen = int(np.flatnonzero(absent)[0])
    # classes the copy test cannot tell from its choice: level, and no more
    # copied than it
    candidates = pool & (suspect == suspect[chosen]) & ~suspect
    candidates[chosen] = True
    reference = chosen if reference is None else reference

    others = np.arange(k) != reference
    # Which training rows have an identical training row: both the natural
    # rate (mark 4) and the overlap test read it.
    unique_tr, first_tr, counts_tr = np.unique(
        keys_tr, return_index=True, return_counts=True
    )
    twin_in_train = counts_tr[np.searchsorted(unique_tr, keys_tr)] >= 2
    distinct_tr = np.bincount(codes_tr[first_tr], minlength=k)
    expected, rate_high = _natural_expectation(
        twin_in_train, distinct_tr, codes_tr, copies, n_va, reference
    )
    p = stats.binom.sf(copies - 1, np.maximum(n_va, 1), rate_high)
    excess = copies - expected
    significant = (
        (p < ALPHA / k) & (excess >= _MIN_COPIES) & (excess >= _MIN_EXCESS_SHARE * n_va)
    )
    marks = suspect & on_both_sides
    ordered = (
        ~level_valid
        & significant
        & (n_tr - n_tr[reference] >= (n_va[reference] - n_va) / 2)
    )
    is_level = level_all & (level_valid | ordered)
    # Mark 4 against the reference. When it looks copied itself, an
    # over-sampled class of about its size has at most half its distinct rows
    # (on a saturated lattice every class has them all). When its twins are
    # chance collisions (few, spread evenly, or none), its rate carries over:
    # the class's copies must exceed it. Twins concentrated on a few natural
    # patterns say nothing about another class's rate.
    if suspect[reference]:
        beyond = 2 * distinct <= distinct[reference]
    elif evenly[reference]:
        beyond = significant
    else:
        beyond = np.ones(k, dtype=bool)

    # A class not level with the largest (over-sampling to another target,
    # sampling_strategy=0.5): its copies must also exceed the reference's
    # natural rate, and repeat as random draws repeat them, not more
    # regularly (records stored twice by nature: every distinct row twice).
    regular = _too_regular(counts, key_class, lam, k)
    partial = ~is_level & significant & ~regular
    candidate = marks & (is_level | partial) & others & (copies >= _MIN_COPIES_LEAK)
    # On a saturated lattice (few possible rows, all taken by every class),
    # natural twins are spread as random draws spread them and may explain
    # every copy. A class whose copies do not exceed what the reference's
    # rate explains, and which has nearly every distinct row of the data, is
    # not proven over-sampled; nor is it proven clean.
    saturated = np.zeros(k, dtype=bool)
    for c in np.flatnonzero(candidate & (~beyond | (excess < _MIN_COPIES))):
        saturated[c] = _lattice_share(split, c) >= _SATURATED_SHARE
    over_sampled = candidate & (beyond | partial) & ~saturated
    # the report's stricter reading of a level valid part (not mark 1's)
    valid_level = stands_level(n_va)
    # SMOTE cast back to whole numbers, on few-valued columns, puts most of
    # its rows onto rows the data already has: the class is copied far beyond
    # the reference's rate, but piled on the rows its interpolations reach,
    # not spread as random draws spread them. Brought to the reference's
    # size, with several copies of each distinct row, where the reference's
    # rows are nearly all distinct, nature does not explain it.
    piled = (
        others
        & ~over_sampled
        & ~suspect[reference]
        & significant
        & (copies >= _MIN_COPIES_LEAK)
        & (lam >= _PILED_LAMBDA)
        # most distinct rows repeated: SMOTE reaches most of the class's rows,
        # where natural patterns pile on a few and leave the rest single
        & (single_share <= _PILED_SINGLE_SHARE)
        & (np.abs(rows - rows[reference]) <= _PILED_LEVEL * rows[reference])
        & (expected[reference] <= _PILED_REFERENCE_SHARE * n_va[reference])
        # in the valid part too: a sampler run after the split leaves the
        # valid part at the data's own balance, whatever the train part holds
        & valid_level
        & valid_level[reference]
    )
    for c in np.flatnonzero(piled):
        # on a saturated lattice every row has twins by nature: not proven
        piled[c] = _lattice_share(split, c) < _SATURATED_SHARE
    over_sampled |= piled
    # Where the data's own twins explain half the valid rows or more, copies
    # spread as random over-sampling spreads them cannot show it, at any
    # ratio: the copy test could not have seen a leak, so it says so.
    repetitive = (
        marks
        & others
        & ~over_sampled
        & ~significant
        & (copies >= _MIN_COPIES_LEAK)
        & (expected >= _REPETITIVE_SHARE * n_va)
    )
    # Copies significantly beyond the reference's rate, spread evenly and on
    # both sides, but fewer than mark 4 asks: random over-sampling to a target
    # a little above the class's size leaves this, and so do records stored
    # twice by nature (a few in a hundred). A leak could hide there.
    unproven = significant & others & ~over_sampled & (copies >= _MIN_COPIES_LEAK)
    light = unproven & evenly & on_both_sides & (lam > 0) & ~suspect
    # The same in a class standing where an over-sampler's target leaves it
    # in the valid part (level with the reference, or half of it or more),
    # copies piled unevenly: SMOTE cast to whole numbers, or nature.
    at_target = valid_level | (n_va >= PARTIAL_RATIO * n_va[reference])
    uneven = unproven & ~marks & ~light & at_target & valid_level[reference]
    inconclusive = (
        (marks & significant & others & ~over_sampled)
        | saturated
        | repetitive
        | light
        | uneven
    )
    regular &= inconclusive
    return CopyEvidence(
        valid_rows=n_va,
        copies=copies,
        expected=expected,
        copies_per_row=lam,
        single_share=single_share,
        over_sampled=over_sampled,
        inconclusive=inconclusive,
        saturated=saturated,
        regular=regular,
        repetitive=repetitive,
        piled=piled,
        light=light,
        uneven=uneven,
        reference=reference,
        rows=rows,
        distinct=distinct,
        ordered=ordered & over_sampled,
        overlap=_overlap(twin_in_train, codes_tr, copies, n_va, reference),
        candidates=candidates,
    )


def _too_regular(
    counts: np.ndarray, key_class: np.ndarray, lam: np.ndarray, k: int
) -> np.ndarray:
    """Classes whose rows repeat more regularly than random draws repeat them.

    Random over-sampling gives each distinct row 1 + Poisson(lambda) copies,
    whose extra counts have a variance equal to their mean; the dispersion
    statistic sum((n_i - 1 - lambda)**2) / lambda is then about chi-square
    with one fewer degrees of freedom than distinct rows. Far below it (p <
    ALPHA), the copies are too even for chance: each record stored twice, as
    data sets do by nature.
    """
    regular = np.zeros(k, dtype=bool)
    for c in np.flatnonzero(lam > 0):
        extra = counts[key_class == c] - 1.0
        if extra.shape[0] < 2:
            continue
        dispersion = float(((extra - lam[c]) ** 2).sum() / lam[c])
        regular[c] = stats.chi2.cdf(dispersion, extra.shape[0] - 1) < ALPHA
    return regular


def _reference(
    preferred: np.ndarray, level_all: np.ndarray, suspect: np.ndarray, lam: np.ndarray
) -> int:
    """Pick the class over-sampling never touches.

    Among the classes level with the largest one in the valid part and in both
    parts together (else in both parts together), the one that looks least
    over-sampled.
    """
    pool = np.flatnonzero(preferred if preferred.any() else level_all)
    return int(min(pool, key=lambda c: (bool(suspect[c]), lam[c])))


def _overlap(
    twin_in_train: np.ndarray,
    codes_tr: np.ndarray,
    copies: np.ndarray,
    n_va: np.ndarray,
    reference: int,
) -> Overlap | None:
    """Whether the parts share rows beyond what a random split gives.

    In a random split a valid row has a twin in the train part about as often
    as a training row has one among the other training rows; samplers leave
    the reference (the class no over-sampler touches) alone, and
    under-sampling after the split thins both rates alike. A reference whose
    valid rows are copies far more often means the valid rows were taken from
    the training data (the same rows passed as both parts).
    """
    in_ref = codes_tr == reference
    n, m = int(in_ref.sum()), int(n_va[reference])
    if n == 0 or m == 0:
        return None
    # keys hold the label: a twin of a reference row is a reference row
    twins = int(twin_in_train[in_ref].sum())
    rate_high = stats.beta.ppf(1 - ALPHA, twins + 0.5, n - twins + 0.5)
    found = int(copies[reference])
    expected = twins / n * m
    excess = found - expected
    if (
        stats.binom.sf(found - 1, m, rate_high) < ALPHA
        and excess >= _MIN_COPIES
        and excess >= _MIN_EXCESS_SHARE * m
    ):
        return Overlap(copies=found, valid_rows=m, expected=expected)
    return None


def _lattice_share(split: EncodedSplit, c: int) -> float:
    """Share of all the distinct feature rows in the data that class ``c`` has.

    Read on the numeric block (the features the interpolation check uses);
    without two numeric columns there is no lattice to speak of: 0.
    """
    if split.num_tr.shape[1] < 2:
        return 0.0
    codes = np.concatenate([split.codes_tr, split.codes_va])
    if sparse.issparse(split.num_tr):
        # every column is numeric: the row keys less the label are the rows
        keys = np.concatenate([split.keys_tr, split.keys_va])
        with np.errstate(over="ignore"):
            rows_only = keys - pd.util.hash_array(codes.astype(np.int64))
        cells = np.unique(rows_only).shape[0]
        return np.unique(rows_only[codes == c]).shape[0] / max(cells, 1)
    rows = np.concatenate([split.num_tr, split.num_va])
    rows = np.where(rows == 0, 0.0, rows)  # -0.0 is 0.0
    cells = np.unique(rows, axis=0).shape[0]
    return np.unique(rows[codes == c], axis=0).shape[0] / max(cells, 1)


def stands_level(counts: np.ndarray) -> np.ndarray:
    """Classes whose valid count a random part of balanced data explains.

    Two classes of a balanced set split at random differ by about the square
    root of their sum; beyond 3.3 times that (a two-sided test at 1e-3) the
    part is not level. On a small part that test allows anything, so a class
    also needs 60 % of the largest class's count (a part of 100 rows of
    balanced data falls below that once in a hundred).
    """
    top = counts.max()
    noise = counts >= top - 3.3 * np.sqrt(top + counts) - 1
    return (counts > 0) & noise & (counts >= 0.6 * top)


def level(counts: np.ndarray) -> np.ndarray:
    """Classes whose count is level with the largest, within sampling noise.

    A random part of a balanced set leaves the difference of two class counts
    with a variance of at most their sum; four such deviations are allowed,
    as the other marks, not this one, keep clean splits clean.
    """
    top = counts.max()
    return counts >= top - 4 * np.sqrt(top + counts) - 1


def _natural_expectation(
    twin_in_train: np.ndarray,
    distinct_tr: np.ndarray,
    codes_tr: np.ndarray,
    copies: np.ndarray,
    n_va: np.ndarray,
    reference: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Expect each class's valid copies at the reference's natural twin rate.

    The reference's rate is read from both parts: a valid row with a twin in
    the train part, or a training row with an identical training row (a
    sampler run on the train part after the split can only add such twins,
    which makes the rate higher and the test more cautious). It comes as a
    Jeffreys estimate and an upper 1 - ALPHA bound, so that a rate read low by
    chance does not make natural twins look like copies. Twins in a discrete
    space grow with the rows there are to collide with, as in the birthday
    problem: the rate is scaled by the ratio of distinct training rows,
    1 - (1 - rate) ** (distinct_c / distinct_reference).
    """
    in_ref = codes_tr == reference
    twins = int(copies[reference] + twin_in_train[in_ref].sum())
    n = int(n_va[reference] + in_ref.sum())
    rate = (twins + 0.5) / (n + 1.0)
    rate_high = stats.beta.ppf(1 - ALPHA, twins + 0.5, n - twins + 0.5)
    exponent = distinct_tr / max(int(distinct_tr[reference]), 1)

    def scaled(r: float) -> np.ndarray:
        return np.maximum(r, 1.0 - (1.0 - r) ** exponent)

    return scaled(rate) * n_va, scaled(rate_high)
