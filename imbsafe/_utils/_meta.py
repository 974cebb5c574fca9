"""What a meta-estimator takes from the estimators it wraps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sklearn.pipeline import Pipeline
from sklearn.utils import get_tags

__all__ = ["estimator_has", "inner_tags", "learner_path", "model_of"]


def estimator_has(attr: str) -> Callable[[Any], bool]:
    """For ``available_if``: whether the wrapped estimator has ``attr``.

    The fitted ``estimator_`` when there is one, else the ``estimator`` given.
    """

    def check(self: Any) -> bool:
        if hasattr(self, "estimator_"):
            return hasattr(self.estimator_, attr)
        return hasattr(self.estimator, attr)

    return check


def inner_tags(tags: Any, inner: Sequence[Any]) -> Any:
    """Set the input tags a meta-estimator shares with what it wraps.

    It accepts an input (sparse, NaN, strings, categories) only when every one
    of ``inner`` does; pairwise input follows the first (the estimator).
    """
    wrapped = [get_tags(obj) for obj in inner]
    for name in ("sparse", "allow_nan", "string", "categorical"):
        setattr(
            tags.input_tags, name, all(getattr(t.input_tags, name) for t in wrapped)
        )
    tags.input_tags.pairwise = wrapped[0].input_tags.pairwise
    return tags


def model_of(estimator: Any) -> Any:
    """Return the estimator that learns: a pipeline's last step, else itself."""
    while isinstance(estimator, Pipeline) and estimator.steps:
        estimator = estimator.steps[-1][1]
    return estimator


def learner_path(estimator: Any) -> str:
    """Return the learning step's parameter prefix (``""``, ``"step__"``, ...)."""
    path = ""
    while isinstance(estimator, Pipeline) and estimator.steps:
        name, estimator = estimator.steps[-1]
        path += f"{name}__"
    return path
