"""The report's sentences: what each finding and each doubt says, class by class.

:func:`~imbsafe._audit._api.audit_split` decides; these functions word its
findings (``reasons``), its doubts (``inconclusive_reasons``) and its notes
from the evidence records of :mod:`._copies` and :mod:`._evidence`.
"""

from __future__ import annotations

import numpy as np

from ._copies import CopyEvidence
from ._evidence import InterpolantEvidence
from ._selftest import Missed


def _copies_found(ev: CopyEvidence, labels: list, c: int) -> str:
    """Open a copy finding: how many valid rows of class ``c`` are copies."""
    return (
        f"{ev.copies[c]} of the {ev.valid_rows[c]} valid rows of class "
        f"{labels[c]!r} ({ev.copies[c] / ev.valid_rows[c]:.0%}) are exact copies of "
        "training rows"
    )


def _over_sampled(ev: CopyEvidence, labels: list, c: int) -> str:
    r = ev.reference
    if ev.piled[c]:
        return _piled(ev, labels, c)
    in_valid = f"{ev.valid_rows[c]} vs {ev.valid_rows[r]}"
    ordered = (
        f"), but the valid part holds fewer of it ({in_valid}) and the train part "
        "more, as when over-sampled data is split without shuffling "
        "(imbalanced-learn appends its copies at the end"
        if ev.ordered[c]
        else f"; {in_valid} in the valid part"
    )
    return (
        f"{_copies_found(ev, labels, c)}, where the data's own duplication explains "
        f"{ev.expected[c]:.1f}; its {ev.rows[c]} rows hold {ev.distinct[c]} distinct "
        f"ones, repeated evenly ({ev.single_share[c]:.0%} occur once, as random "
        f"draws leave {np.exp(-ev.copies_per_row[c]):.0%}), and both parts together "
        f"hold it as often as class {labels[r]!r} ({ev.rows[c]} vs {ev.rows[r]} "
        f"rows{ordered}): the data was over-sampled (e.g. RandomOverSampler) "
        "before it was split."
    )


def _piled(ev: CopyEvidence, labels: list, c: int) -> str:
    r = ev.reference
    return (
        f"{_copies_found(ev, labels, c)}, where the data's own duplication explains "
        f"{ev.expected[c]:.1f}; its {ev.rows[c]} rows hold {ev.distinct[c]} distinct "
        f"ones (about {1 + ev.copies_per_row[c]:.1f} each), where class "
        f"{labels[r]!r}'s rows are nearly all distinct, and both parts together "
        f"hold it as often as class {labels[r]!r} ({ev.rows[c]} vs {ev.rows[r]} "
        "rows), as an over-sampler's target leaves it. The copies are piled on "
        "some rows, not spread as random draws spread them: SMOTE cast back to "
        "whole numbers (imbalanced-learn truncates its output on integer columns) "
        "puts its rows onto rows the data already has. The data was over-sampled "
        "(e.g. SMOTE) before it was split."
    )


def _overlapping(ev: CopyEvidence, labels: list) -> str:
    o = ev.overlap
    return (
        f"{o.copies} of the {o.valid_rows} valid rows of class "
        f"{labels[ev.reference]!r} ({o.copies / o.valid_rows:.0%}) are exact copies "
        f"of training rows, where the train part's own repeats explain "
        f"{o.expected:.1f}; no sampler adds rows to this class (the largest), so "
        "the two parts share rows: the valid rows were taken from the training "
        "data (e.g. the same data passed as both parts), not split from it."
    )


def _interpolated(ev: InterpolantEvidence, labels: list, c: int) -> str:
    sampled = (
        ""
        if ev.searched[c] == ev.eligible[c]
        else f" (a random sample of {ev.searched[c]} searched; about "
        f"{ev.estimate[c]:,.0f} in all)"
    )
    return (
        f"{ev.found[c]} valid rows of class {labels[c]!r}{sampled} are "
        "interpolations: each lies exactly on the line through two other rows "
        "of its class, one of them a training row, as SMOTE-type samplers "
        "create them: the data was over-sampled (e.g. SMOTE) before it was split."
    )


def _rounded(ev: InterpolantEvidence, labels: list, c: int) -> str:
    r = ev.reference
    return (
        f"{ev.rounded[c]} of the {ev.searched[c]} searched valid rows of class "
        f"{labels[c]!r} lie within one grid step of the line through two other "
        "rows of their class, one of them a training row, in every column at one "
        f"fraction, where class {labels[r]!r}'s rate explains "
        f"{ev.rounded_expected[c]:.1f}: SMOTE-type rows cast back to whole numbers "
        "(imbalanced-learn truncates its output on integer columns); the data was "
        "over-sampled (e.g. SMOTE) before it was split."
    )


def _seen(ev: InterpolantEvidence, c: int) -> str:
    """Say what the self-test found: how visible SMOTE rows of class ``c`` are."""
    if np.isnan(ev.power[c]):
        return "the interpolation check could not run on it"
    return (
        f"of SMOTE rows made from its training rows, the interpolation check "
        f"finds {ev.power[c]:.0%}, where it finds {ev.power_reference[c]:.0%} of "
        "the natural rows of the reference class"
    )


def _unseen(ev: InterpolantEvidence, labels: list, c: int) -> str:
    return (
        f"class {labels[c]!r} stands level with the largest class in the valid "
        "part, as over-sampling before the split leaves it, and on this data "
        f"SMOTE rows cannot be told from natural ones ({_seen(ev, c)}): a SMOTE "
        "leak would leave no trace here. If the data was resampled before the "
        "split, it leaked."
    )


def _filled(ev: InterpolantEvidence, labels: list, c: int) -> str:
    r = ev.reference
    return (
        f"class {labels[c]!r} stands level with the largest class in the valid "
        f"part, as over-sampling before the split leaves it, and {ev.inner[c]:.0%} "
        "of its training rows lie within one grid step of the line through two "
        f"other rows of the class, where {ev.inner_reference[c]:.0%} of class "
        f"{labels[r]!r}'s do: its training part is filled with SMOTE-type rows. "
        "Its valid rows could not be traced to training rows (as when a class is "
        "made from a few rows: each synthetic row's nearest rows are its "
        "siblings, not its parents). If the data was resampled before the split, "
        "it leaked."
    )


def _missed(ev: InterpolantEvidence, labels: list, c: int, missed: Missed) -> str:
    name = labels[c]
    if missed.kind == "any":
        return (
            f"class {name!r}: every column is mostly missing, so no leak of it, "
            "to any ratio, would leave a trace the checks can read: no leak found "
            "is not evidence of none."
        )
    made = "copies of" if missed.kind != "SMOTE" else "SMOTE rows made from"
    how = (
        ""
        if missed.kind != "SMOTE"
        else f", written at the data's precision; {_seen(ev, c)}"
    )
    return (
        f"class {name!r} stands in the valid part where an over-sampler's target "
        f"leaves it, and a {missed.kind} leak of it would not be seen here: "
        f"simulated on its own rows ({missed.share:.0%} of them {made} the "
        f"others{how}), the audit calls it clean. No leak found is not evidence "
        "of none; if the data was resampled before the split, it leaked."
    )


def _unseen_note(ev: InterpolantEvidence, labels: list, c: int) -> str:
    return (
        f"on this data SMOTE rows of class {labels[c]!r} cannot be told from "
        f"natural ones ({_seen(ev, c)}); its share of the valid part is not the "
        "level a default SMOTE leaves, but SMOTE to a lower target before the "
        "split would go unseen."
    )


def _not_proven(ev: CopyEvidence, labels: list, c: int) -> str:
    r = ev.reference
    if ev.saturated[c]:
        return (
            f"{_copies_found(ev, labels, c)}, spread as random over-sampling "
            f"spreads them, and the class stands level with class {labels[r]!r}; "
            f"but the data's own duplication explains {ev.expected[c]:.1f} of "
            "them, and the class takes nearly every distinct row the data has: "
            "on so few possible rows, every row has twins by nature, and "
            "over-sampling cannot be told from the data's own repetition."
        )
    if ev.repetitive[c]:
        return (
            f"{_copies_found(ev, labels, c)}, spread as random over-sampling "
            f"spreads them; but the data's own duplication explains "
            f"{ev.expected[c]:.1f} of them: on data this repetitive, over-sampling "
            "(to any ratio) cannot be told from the data's own repetition. If the "
            "data was resampled before the split, it leaked."
        )
    if ev.regular[c]:
        return (
            f"{_copies_found(ev, labels, c)}, more than the {ev.expected[c]:.1f} "
            f"that class {labels[r]!r}'s twin rate explains, on both sides of the "
            f"split; but its {ev.rows[c]} rows hold {ev.distinct[c]} distinct ones "
            "repeated more evenly than random draws repeat them (random "
            "over-sampling gives each a Poisson number of copies): records stored "
            "more than once by nature look like this. If the data was resampled "
            "before the split, it leaked."
        )
    if ev.light[c]:
        return (
            f"{_copies_found(ev, labels, c)}, more than the {ev.expected[c]:.1f} "
            f"that class {labels[r]!r}'s twin rate explains, spread as random "
            f"over-sampling spreads them and on both sides of the split; but its "
            f"{ev.rows[c]} rows hold {ev.distinct[c]} distinct ones, only "
            f"{ev.copies_per_row[c]:.2f} extra copies per row: random "
            "over-sampling to a target a little above the class's size leaves "
            "this, and so do records stored twice by nature. If the data was "
            "resampled before the split, it leaked."
        )
    if ev.uneven[c]:
        return (
            f"{_copies_found(ev, labels, c)}, more than the {ev.expected[c]:.1f} "
            f"that class {labels[r]!r}'s twin rate explains, and the class stands "
            f"level with class {labels[r]!r}; but the copies are not spread as "
            f"random over-sampling spreads them ({ev.single_share[c]:.0%} of its "
            f"distinct rows occur once, random draws leave "
            f"{np.exp(-ev.copies_per_row[c]):.0%}). SMOTE cast back to whole "
            "numbers piles its rows on rows the data has, and records repeated by "
            "nature look like this too. If the data was resampled before the "
            "split, it leaked."
        )
    return (
        f"{_copies_found(ev, labels, c)}, more than the {ev.expected[c]:.1f} that "
        f"class {labels[r]!r}'s twin rate explains, and they are spread as random "
        "over-sampling spreads them; but too few copies, or no class free of "
        "copies to compare with, prove it. This may be over-sampling, or "
        "duplication in the data itself."
    )


def _sampling_notes(ev: InterpolantEvidence, labels: list) -> list[str]:
    return [
        f"the interpolation check searched a random sample of {ev.searched[c]:,} "
        f"of the {ev.eligible[c]:,} valid rows of class {labels[c]!r} (seeded): "
        f"{ev.found[c]} found, about {ev.estimate[c]:,.0f} in all (95 % interval "
        f"{ev.low[c]:,.0f} to {ev.high[c]:,.0f})."
        for c in np.flatnonzero(ev.searched < ev.eligible)
    ]
