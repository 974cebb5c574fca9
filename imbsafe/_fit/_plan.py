"""The fit of :class:`~imbsafe.ResampledClassifier` as a plan: decided, then done.

:meth:`FitPlan.make` decides once, from the estimator, the sampler and the
data, everything the fit needs: the clone with its early stopping settled,
the rows to resample, the untouched validation part (or none), where the
sampler sits (in front of the estimator, or in front of a pipeline's last
step) and the words that name the data in errors. :meth:`FitPlan.execute`
carries it out and returns a :class:`Fitted`, whose
:meth:`~Fitted.score_out_of_bag` recomputes an ensemble's out-of-bag score
over the original rows. What an estimator's own validation is (which models
stop early, and on what) is known in :mod:`imbsafe._fit._own_validation`; a new
kind of early stopping is a new entry there, not a new branch here.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from sklearn.base import clone
from sklearn.pipeline import Pipeline

from .._resample._sample_weight import follow_weights
from .._resample._sampling import (
    CREATES_ROWS,
    fit_resample,
    is_passthrough,
    needs_numbers,
)
from .._resample._sampling import sampler_kind as kind_of
from .._utils._meta import learner_path, model_of
from .._utils._stack import user_stacklevel
from ..exceptions import LeakageWarning
from ._boosting import EVAL_FRACTION, EvalSetStopping
from ._own_validation import (
    Validation,
    early_stopping,
    given_validation,
    honest_oob,
    quiet_oob,
    settled_auto,
    take_rows,
    validation_rows,
    warn_unhandled,
)

__all__ = ["FitPlan", "Fitted", "at_final_step"]

_GIVEN = "the data given to fit"


def at_final_step(estimator: Any, sampler: Any, X: Any) -> bool:
    """Whether the sampler sits in front of the pipeline's last step.

    A sampler that creates rows needs numbers. On a table it cannot read
    (text or categorical columns, missing values), the pipeline's own steps
    make the numbers first: the sampler then sits where imbalanced-learn's
    examples put it, after the preprocessing and in front of the model.
    Elsewhere it sits in front of the whole estimator.
    """
    return (
        isinstance(estimator, Pipeline)
        and len(estimator.steps) > 1
        and needs_numbers(sampler, X)
    )


class Fitted(NamedTuple):
    """What a carried-out plan leaves: the fitted parts and the resampled labels."""

    sampler: Any  # the fitted clone of the sampler (None: no resampling)
    estimator: Any  # the fitted clone of the estimator
    # the resampled labels the learning step was fitted on (without
    # resampling: the labels given, an evaluation part included)
    y: np.ndarray
    weight: np.ndarray | None  # and their weights, where given

    def score_out_of_bag(self, X: Any, y: np.ndarray) -> None:
        """Recompute the learning step's out-of-bag score over the original rows.

        A bootstrap ensemble behind a sampler scored each row with members
        that had its copies in their bag; see
        :func:`imbsafe._fit._own_validation.honest_oob`.
        """
        model = model_of(self.estimator)
        if self.sampler is None or not getattr(model, "oob_score", False):
            return
        origin = None  # created rows record no parents
        indices = getattr(self.sampler, "sample_indices_", None)
        if kind_of(self.sampler) != CREATES_ROWS and indices is not None:
            origin = np.asarray(indices, dtype=np.intp)
        X_model = self.estimator[:-1].transform(X) if _has_head(self.estimator) else X
        honest_oob(model, X_model, y, origin, self.sampler)


@dataclass(frozen=True)
class FitPlan:
    """Everything one fit needs, decided before anything is fitted.

    Attributes
    ----------
    estimator : estimator
        The clone to fit, its early stopping settled.
    sampler : sampler or None
        The sampler to clone and fit (None: no resampling).
    fit_rows : ndarray or None
        The rows to resample and fit on (None: every row).
    validation_rows : ndarray or None
        The untouched rows the learning step validates on (None: no part).
    stopping : EarlyStopping or None
        How the learning step takes its validation part (None: no part).
    at_final_step : bool
        The sampler sits in front of the pipeline's last step, after the
        pipeline's own steps.
    where : str
        The data the sampler sees, as errors name it.
    """

    estimator: Any
    sampler: Any
    fit_rows: np.ndarray | None
    validation_rows: np.ndarray | None
    stopping: Any
    at_final_step: bool
    where: str

    @classmethod
    def make(
        cls,
        estimator: Any,
        sampler: Any,
        X: Any,
        y: np.ndarray,
        fit_params: dict,
        eval_fraction: float = EVAL_FRACTION,
    ) -> FitPlan:
        """Plan the fit of ``estimator`` behind ``sampler`` on (X, y).

        Warns, one line each, about own validation the plan cannot make clean.
        Early stopping on outside data gets an untouched part of the rows,
        split off before resampling (unless the user passed one in
        ``fit_params``); ``"auto"`` is read on the rows given to ``fit``, not
        on the resampled count.
        """
        planned = clone(estimator)
        n_rows = y.shape[0]
        model = model_of(planned)
        path = learner_path(planned)
        own_params = {
            k[len(path) :]: v for k, v in fit_params.items() if k.startswith(path)
        }
        stopping = early_stopping(model, n_rows, own_params, eval_fraction)
        given = given_validation(fit_params)
        if is_passthrough(sampler):
            # Without resampling, a model that stops on an evaluation set gets
            # the same untouched part as behind a sampler: the fit is the same
            # procedure, resampled or not. Any other model's own validation
            # part is untouched rows already.
            if given or not isinstance(stopping, EvalSetStopping):
                return cls(planned, None, None, None, None, False, _GIVEN)
            sampler = None
        warn_unhandled(estimator, sampler, n_rows)
        # With the user's own validation data no part is split off, and "auto"
        # stays the model's to read, as in an imbalanced-learn pipeline (turned
        # off, the model would refuse that data).
        settle = {} if given else settled_auto(model, n_rows)
        if given and isinstance(stopping, EvalSetStopping):
            warnings.warn(
                f"the evaluation set given to fit goes to {type(model).__name__} "
                "untouched; in cross-validation or a search the same rows would "
                "serve every fold (often rows of its test folds): leave it out "
                "and ResampledClassifier splits an untouched one off each "
                "training fold.",
                LeakageWarning,
                stacklevel=user_stacklevel(),
            )
        fit_rows = valid_rows = None
        if stopping is not None and stopping.outside and not given:
            split = validation_rows(model, stopping, y)
            if split is None and not stopping.off:
                # a callback cannot be turned off from here
                raise ValueError(
                    f"{n_rows} rows are too few to split off an evaluation set "
                    f"for {type(model).__name__}'s early stopping "
                    f"({stopping.setting}) with a row of each class on both "
                    "sides: pass more rows, or fit without the callback."
                )
            if split is None:
                settle.update(stopping.off)
                warnings.warn(
                    f"{n_rows} rows are too few to split off a validation part "
                    f"for {type(model).__name__}'s early stopping with a row of "
                    "each class on both sides; early stopping is off for this fit.",
                    UserWarning,
                    stacklevel=user_stacklevel(),
                )
                stopping = None
            else:
                fit_rows, valid_rows = split
                settle.update(stopping.settle)
        if settle:
            planned.set_params(**{path + k: v for k, v in settle.items()})
        final = at_final_step(planned, sampler, X)
        if final:
            where = (
                f"{_GIVEN}, after the pipeline's steps before {planned.steps[-1][0]!r}"
            )
        elif valid_rows is not None:
            where = (
                f"{_GIVEN} less the estimator's validation part ({stopping.setting})"
            )
        else:
            where = _GIVEN
        return cls(
            planned,
            sampler,
            fit_rows,
            valid_rows,
            stopping if valid_rows is not None else None,
            final,
            where,
        )

    def execute(
        self,
        X: Any,
        y: np.ndarray,
        weights: dict[str, np.ndarray],
        key: str,
        fit_params: dict,
    ) -> Fitted:
        """Carry out the plan on (X, y); ``fit_params`` go to the estimator.

        ``weights`` are the per-row weights by the key the estimator's ``fit``
        takes (``sample_weight``, a pipeline's ``step__sample_weight``); they
        follow the rows through the validation split and resampling. ``key``
        names the learning step's, which :class:`Fitted` keeps.
        """
        X_fit, y_fit, weight = X, y, weights.get(key)
        part = None  # the untouched validation part, as its model takes it
        if self.fit_rows is not None:
            part = Validation.of(X, y, weights.get(key), self.validation_rows)
            X_fit, y_fit = take_rows(X, self.fit_rows), y[self.fit_rows]
            weights = {k: w[self.fit_rows] for k, w in weights.items()}
        fit_params = dict(fit_params)
        if self.sampler is None:
            fit_params.update(weights)
            if part is None:
                self.estimator.fit(X_fit, y_fit, **fit_params)
            else:
                self._fit_with_part(X_fit, y_fit, fit_params, part)
            # no resampling, no shift of the class priors: the labels given
            return Fitted(None, self.estimator, y, weight)
        # scikit-learn's own out-of-bag warning counts resampled rows
        with quiet_oob(model_of(self.estimator)):
            if self.at_final_step:
                return self._fit_after_head(X_fit, y_fit, weights, fit_params, part)
            sampler_, X_res, y_res = fit_resample(
                self.sampler, X_fit, y_fit, where=self.where
            )
            for name, weight in weights.items():
                fit_params[name] = follow_weights(
                    sampler_, X_fit, y_fit, X_res, y_res, weight
                )
            if part is None:
                self.estimator.fit(X_res, y_res, **fit_params)
            else:
                self._fit_with_part(X_res, y_res, fit_params, part)
        return Fitted(sampler_, self.estimator, y_res, fit_params.get(key))

    def _fit_with_part(
        self, X: Any, y: np.ndarray, fit_params: dict, part: Validation
    ) -> None:
        """Fit the estimator on (X, y), its learning step validating on ``part``.

        A pipeline's steps before the last are fitted on (X, y) first, and
        the part goes through them.
        """
        classes = np.unique(y)
        if _has_head(self.estimator):
            name, last = self.estimator.steps[-1]
            head = self.estimator[:-1]
            head_params, last_params = _split_params(fit_params, name)
            X_head = head.fit_transform(X, y, **head_params)
            last_params.update(
                part.params(self.stopping, head.transform, last_params, classes)
            )
            last.fit(X_head, y, **last_params)
        else:
            fit_params.update(part.params(self.stopping, None, fit_params, classes))
            self.estimator.fit(X, y, **fit_params)

    def _fit_after_head(
        self,
        X_fit: Any,
        y_fit: np.ndarray,
        weights: dict[str, np.ndarray],
        fit_params: dict,
        part: Validation | None,
    ) -> Fitted:
        """Fit the pipeline's steps, resample their output, fit its last step.

        As ``imblearn.pipeline.Pipeline([*steps[:-1], sampler, last])``: the
        preprocessing is fitted on the training rows as they are (with their
        weights), and the sampler creates rows from the numbers it makes; the
        last step's weights follow them. A validation part goes through the
        fitted steps, never through the sampler.
        """
        name, last = self.estimator.steps[-1]
        head = self.estimator[:-1]
        head_params, last_params = _split_params({**fit_params, **weights}, name)
        X_head = head.fit_transform(X_fit, y_fit, **head_params)
        sampler_, X_res, y_res = fit_resample(
            self.sampler, X_head, y_fit, where=self.where
        )
        weight = last_params.get("sample_weight")
        if weight is not None:
            weight = follow_weights(sampler_, X_head, y_fit, X_res, y_res, weight)
            last_params["sample_weight"] = weight
        if part is not None:
            last_params.update(
                part.params(
                    self.stopping, head.transform, last_params, np.unique(y_res)
                )
            )
        last.fit(X_res, y_res, **last_params)
        return Fitted(sampler_, self.estimator, y_res, weight)


def _has_head(estimator: Any) -> bool:
    return isinstance(estimator, Pipeline) and len(estimator.steps) > 1


def _split_params(fit_params: dict, last: str) -> tuple[dict, dict]:
    """Fit parameters of a pipeline's steps before ``last``, and of ``last``."""
    own = f"{last}__"
    last_params = {k[len(own) :]: v for k, v in fit_params.items() if k.startswith(own)}
    head_params = {k: v for k, v in fit_params.items() if not k.startswith(own)}
    return head_params, last_params
