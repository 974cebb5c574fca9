"""The audit's decision, class by class, from the two tests' evidence.

:func:`decide` weighs what the copy test (:mod:`._copies`) and the
interpolant tests (:mod:`._evidence`) found: a class is leaky on their proof,
inconclusive on their doubts, clean otherwise. :func:`asked` picks the clean
classes the self-test (:mod:`._selftest`) then questions, and
:func:`leaves_trace` is what the self-test reads of a simulated leak.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._copies import PARTIAL_RATIO, CopyEvidence, copy_evidence, stands_level
from ._evidence import InterpolantEvidence, interpolant_evidence
from ._parts import EncodedSplit

# How far (in standard deviations) a class's share of the valid part may lie
# from its share of the train part in a random split of one data set.
_SHARE_NOISE = 3.3
# How far below a partial target (in standard deviations of a random
# subset) a class's count in both parts may fall and still be asked: where
# the parts hold all of the resampled data, none falls below it.
_TARGET_NOISE = 2.0


@dataclass(frozen=True)
class Decision:
    """Per class (in code order): the evidence, and what it decides."""

    copies: CopyEvidence
    interp: InterpolantEvidence
    leaky: np.ndarray  # bool: proven over-sampled or interpolated
    level_valid: np.ndarray  # bool: standing level in the valid part
    unseen: np.ndarray  # bool: SMOTE rows of the class cannot be seen
    filled: np.ndarray  # bool: its training part is interpolated
    doubtful: np.ndarray  # bool: inconclusive on the tests' own doubts

    @property
    def unseen_level(self) -> np.ndarray:
        """Classes standing level where SMOTE rows of them cannot be seen."""
        return self.unseen & self.level_valid


def decide(split: EncodedSplit) -> Decision:
    """Run both tests and weigh them."""
    k = split.n_classes
    copies = copy_evidence(split)
    interp = interpolant_evidence(split, copies.reference, copies.candidates)
    if interp.reference != copies.reference:
        copies = copy_evidence(split, reference=interp.reference)
    leaky = copies.over_sampled | interp.interpolated
    # What the tests could not have seen: a class standing level in the valid
    # part (as over-sampling leaves it) on data where SMOTE rows cannot be
    # told from natural ones. Over-sampling brings a class level with the
    # class it leaves alone: with the reference lagging behind the largest
    # class, the part does not stand level as over-sampling leaves it.
    level_valid = stands_level(np.bincount(split.codes_va, minlength=k))
    level_valid &= level_valid[copies.reference]
    unseen = interp.blind & ~leaky & ~copies.inconclusive
    # A class whose training part lies on lines through its own rows far more
    # than the reference's, standing level in the valid part: SMOTE made it,
    # and a sampler run after the split leaves the valid part at the data's
    # own balance. Where its valid rows could not be traced (a class made
    # from a few rows: each SMOTE row's nearest rows are its siblings), a
    # leak is not proven, nor ruled out.
    filled = (
        interp.inner_found
        & level_valid
        & ~leaky
        & ~copies.inconclusive
        & ~(unseen & level_valid)
    )
    doubtful = ~leaky & (
        copies.inconclusive
        | (((unseen & level_valid) | filled) & (copies.overlap is None))
    )
    return Decision(copies, interp, leaky, level_valid, unseen, filled, doubtful)


def asked(split: EncodedSplit, found: Decision) -> np.ndarray:
    """Mark the clean classes whose valid part stands where a leak would leave it.

    An over-sampler's target leaves a class at half the reference or more
    (``sampling_strategy=0.5``) and never above it, in the data it resampled,
    which the two parts hold together; and a random split of that data gives
    the class about the same share of both parts. A class below half the
    reference in both parts together (beyond a random subset's noise: the
    parts may hold only part of the resampled data), above the reference,
    whose share of the two parts differs beyond a random split's noise, or
    which stands level in the train part only (the train part resampled
    after the split), stands where no leak of it would leave it: no question
    there.
    """
    k = split.n_classes
    reference = found.copies.reference
    n_va = np.bincount(split.codes_va, minlength=k)
    n_tr = np.bincount(split.codes_tr, minlength=k)
    # A sampler's target is met in the data it resampled, which both parts
    # hold (a part falls below it as often as above it): a class at the
    # partial target holds a third of its rows and the reference's, give or
    # take a random subset's noise where the parts hold only part of it.
    rows = n_tr + n_va
    top = rows[reference]
    pair = top + rows
    third = PARTIAL_RATIO / (1 + PARTIAL_RATIO)
    low = third * pair - _TARGET_NOISE * np.sqrt(pair * third * (1 - third))
    at_ratio = (rows >= np.maximum(low, 1)) & (
        rows <= top + _SHARE_NOISE * np.sqrt(pair) + 1
    )
    total_tr, total_va = max(int(n_tr.sum()), 1), max(int(n_va.sum()), 1)
    pooled = (n_tr + n_va) / (total_tr + total_va)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / total_tr + 1 / total_va))
    gap = np.abs(n_tr / total_tr - n_va / total_va)
    same_share = gap <= _SHARE_NOISE * spread + 1e-12
    # a train part standing level beside a valid part that does not: a
    # sampler run on the train part after the split (a leak to the level
    # leaves both parts level, a partial one neither)
    resampled_after = stands_level(n_tr) & ~stands_level(n_va)
    # nor does a train part at exactly half the reference (a sampler meets
    # its target exactly in the data it resampled) beside a valid part below
    # the train part's ratio, where both parts together miss that target
    half_tr = n_tr == (PARTIAL_RATIO * n_tr[reference]).astype(int)
    half_all = rows == int(PARTIAL_RATIO * top)
    lower = n_va * n_tr[reference] < n_tr * n_va[reference]
    resampled_after |= half_tr & ~half_all & lower
    clean = ~found.leaky & ~found.doubtful
    return (
        clean
        & at_ratio
        & same_share
        & ~resampled_after
        & (np.arange(k) != reference)
        # a leak leaves a class at least two rows in each part
        & (n_tr >= 2)
        & (n_va >= 1)
    )


def leaves_trace(split: EncodedSplit, c: int) -> bool:
    """Whether the copy test says anything of class ``c`` (over-sampled or not proven).

    The self-test reads a simulated leak's interpolants from the search's
    own simulated rows (:attr:`InterpolantEvidence.seen`), which measure
    them without one draw's noise; what it reads here is what only a whole
    simulated class shows: its copies, and the overlap of the parts.
    """
    copies = copy_evidence(split)
    return bool(
        copies.over_sampled[c] or copies.inconclusive[c] or copies.overlap is not None
    )
