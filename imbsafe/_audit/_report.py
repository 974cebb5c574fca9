"""LeakageReport: what the audit found in one split, for people and programs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .._utils._rows import plain

FIX = (
    "Split first and resample only the training part: imbsafe.ResampledCV or "
    "imbsafe.ResampledClassifier in scikit-learn, "
    "imbsafe.skorch.ResampledValidSplit in skorch."
)


@dataclass(frozen=True, eq=False)  # reports compare by identity, like DataFrames
class LeakageReport:
    """What :func:`audit_split` found in one train/valid pair.

    Attributes
    ----------
    leaky : bool
        True only on the evidence a resample-then-split leak leaves: a class
        over-sampled before the split (copies spread evenly, on both sides,
        bringing it level with the largest class) or valid rows that are
        interpolations of training rows.
    reasons : list of str
        One sentence per finding that makes the split leaky (empty when clean).
    inconclusive : bool
        True when some evidence points to over-sampling but not enough to call
        the split leaky (``leaky`` is then False); see ``inconclusive_reasons``.
    inconclusive_reasons : list of str
        The ambiguous findings, with their numbers.
    exact_duplicates : int
        Validation rows identical (features and label) to a training row.
    expected_duplicates : float
        How many such rows the data's own duplication explains: the twin rate
        of the reference class (the one level with the largest class in the
        valid part that looks least over-sampled), scaled to each class's
        distinct training rows.
    interpolants : int
        Validation rows found lying on the line through two other rows of their
        class, at least one of them a training row, as SMOTE-type samplers
        create them. Above 1,000 valid rows a class is searched through a
        random sample (see ``per_class`` and ``notes``).
    n_train, n_valid : int
        Rows in each part.
    train_prior, valid_prior : dict
        Class -> share of the rows of each part.
    per_class : pandas.DataFrame
        Indexed by class: valid rows, exact duplicates, expected duplicates,
        rows and distinct rows in both parts, extra copies per distinct row,
        share of distinct rows that occur once, valid rows searched for
        interpolants, interpolants found and estimated in all, and the
        class's verdict.
    notes : list of str
        Things worth knowing that are not leaks (columns the interpolation
        check could not use, sampling, a valid part with another class balance).
    """

    leaky: bool
    reasons: list[str]
    exact_duplicates: int
    expected_duplicates: float
    interpolants: int
    n_train: int
    n_valid: int
    train_prior: dict
    valid_prior: dict
    per_class: pd.DataFrame = field(repr=False)
    notes: list[str] = field(default_factory=list)
    inconclusive: bool = False
    inconclusive_reasons: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        raise TypeError("a LeakageReport has no truth value: test report.leaky instead")

    @property
    def verdict(self) -> str:
        """``"leaky"``, ``"inconclusive"`` or ``"clean"``."""
        if self.leaky:
            return "leaky"
        return "inconclusive" if self.inconclusive else "clean"

    def to_dict(self) -> dict[str, Any]:
        """Plain Python values, ready for ``json.dumps``."""
        return {
            "verdict": self.verdict,
            "leaky": self.leaky,
            "inconclusive": self.inconclusive,
            "reasons": list(self.reasons),
            "inconclusive_reasons": list(self.inconclusive_reasons),
            "exact_duplicates": self.exact_duplicates,
            "expected_duplicates": self.expected_duplicates,
            "interpolants": self.interpolants,
            "n_train": self.n_train,
            "n_valid": self.n_valid,
            "train_prior": {str(k): v for k, v in self.train_prior.items()},
            "valid_prior": {str(k): v for k, v in self.valid_prior.items()},
            "per_class": {
                str(c): {k: plain(v) for k, v in row.items()}
                for c, row in self.per_class.to_dict("index").items()
            },
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        verdict = {
            "leaky": "LEAK FOUND",
            "inconclusive": "inconclusive (no leak proven)",
            "clean": "no leak found",
        }[self.verdict]
        lines = [
            f"Leakage audit: {verdict}",
            f"  train: {self.n_train} rows, classes {_priors(self.train_prior)}",
            f"  valid: {self.n_valid} rows, classes {_priors(self.valid_prior)}",
            f"  valid rows that are exact copies of training rows: "
            f"{self.exact_duplicates} (the data's own duplication explains "
            f"{self.expected_duplicates:.1f})",
            f"  valid rows interpolated from training rows (SMOTE-like): "
            f"{self.interpolants}",
        ]
        if self.reasons:
            lines += ["Why:", *(f"  - {r}" for r in self.reasons)]
            lines += ["What to do:", f"  {FIX}"]
        if self.inconclusive_reasons:
            lines += ["Not proven:", *(f"  - {r}" for r in self.inconclusive_reasons)]
        if self.notes:
            lines += ["Notes:", *(f"  - {n}" for n in self.notes)]
        return "\n".join(lines)


def _priors(prior: dict) -> str:
    return "{" + ", ".join(f"{k!r}: {v:.1%}" for k, v in prior.items()) + "}"
