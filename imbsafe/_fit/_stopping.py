"""EarlyStopping: how a model stops early, and how it is handed its part."""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["EarlyStopping"]


@dataclass(frozen=True)
class EarlyStopping:
    """How a model stops early: on outside data, or on a part it carves itself.

    A new kind of early stopping on outside data is a new maker of this
    record (or of one with the same fields and methods): the fit plan needs
    nothing else.
    """

    outside: bool  # takes its validation part in fit (X_val / y_val)
    fraction: float  # the part to split off: a share, or (an int) a count of rows
    setting: str  # the parameter that turns it on, as the user wrote it
    # the parameters that turn it off, where too few rows leave no part
    off: tuple[tuple[str, Any], ...] = (("early_stopping", False),)
    # the parameters that make the model take the part it is handed
    settle: tuple[tuple[str, Any], ...] = ()
    # the parameter that sets ``fraction``, as errors name it
    fraction_name: str = "validation_fraction"

    def eval_params(
        self,
        X_val: Any,
        y_val: np.ndarray,
        weight_val: np.ndarray | None = None,
        *,
        fit_params: dict | None = None,
        classes: Any = None,
    ) -> dict:
        """Return the fit parameters that hand the model its validation part.

        ``fit_params`` are the model's other fit parameters and ``classes``
        the sorted labels it is fitted on (both unused here; a model whose
        validation data must match them reads them).
        """
        params = {"X_val": X_val, "y_val": y_val}
        if weight_val is not None:
            params["sample_weight_val"] = weight_val
        return params

    def rows(self, n_rows: int) -> int:
        """Return the validation rows out of ``n_rows``, as scikit-learn counts them.

        An integer ``validation_fraction`` is a count of rows (histogram
        gradient boosting documents it so), a float a share.
        """
        if isinstance(self.fraction, numbers.Integral):
            return int(self.fraction)
        return int(np.ceil(self.fraction * n_rows))

    def part(self) -> str:
        """Return the validation part's size in words."""
        if isinstance(self.fraction, numbers.Integral):
            return f"{self.fraction} rows"
        return f"{self.fraction:g} of the rows"
