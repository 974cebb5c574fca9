"""Where resampled or preprocessed rows must not go, and what to write instead.

A sink is a call that splits rows into a part to learn from and a part to
score on: a split, a cross-validation or search, an estimator's own
validation (early stopping, out-of-bag, a skorch net's internal split, Keras
``validation_split``), or an evaluation set built from the rows
(``eval_set``, ``X_val``, ``validation_data``, a Trainer's
``eval_dataset``). Each kind has one sentence that says what goes wrong and
one fix in imbsafe's terms, with the call rewritten.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ._values import Taint

__all__ = ["Sink", "describe"]


@dataclass(frozen=True)
class Sink:
    """One call where rows are split or scored.

    ``key`` picks the sentence and the fix below; ``name`` is the call as
    the user wrote it (``train_test_split``, ``grid.fit``); ``estimator``
    the class involved, when known.
    """

    key: str
    name: str
    estimator: str = ""


_CONSEQUENCE = {
    "split": "copies or synthetic neighbours of the same rows land on both sides "
    "of the split, and its test part no longer has the real class ratio",
    "hf_split": "copies of the same rows land on both sides of the split, and its "
    "test part no longer has the real class ratio",
    "folds": "every test fold holds copies or synthetic neighbours of its "
    "training rows, and no longer has the real class ratio",
    "cv": "every test fold holds copies or synthetic neighbours of its training "
    "rows, so the scores are too high",
    "search": "its inner folds score on copies or synthetic neighbours of their "
    "training rows, so it picks and reports on leaked scores",
    "self": "{estimator} validates on a part of these rows ({detail}), made of "
    "copies or synthetic neighbours of the rows it trains on",
    "skorch": "the net's internal validation part ({detail}) is cut from these "
    "rows, so valid scores and early stopping see copies of training rows",
    "keras": "validation_split holds out the last rows of these resampled arrays, "
    "so validation scores and early stopping see resampled rows",
    "eval": "the evaluation set ({detail}) is made of resampled rows, so early "
    "stopping and its scores see copies or synthetic rows, not the real "
    "class ratio",
    "trainer": "the Trainer evaluates on resampled rows (eval_dataset), so its "
    "scores and best checkpoint are chosen on copies, not the real class ratio",
}

_FIX = {
    "split": "split first, then resample the training part only: "
    "X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y); "
    "X_tr, y_tr = sampler.fit_resample(X_tr, y_tr) (or fit "
    "imbsafe.ResampledClassifier(model, sampler) on the raw X_tr, y_tr)",
    "hf_split": "split first, then resample the train split only: "
    "splits = ds.train_test_split(test_size=0.2); "
    "train = imbsafe.hf.resample_dataset(splits['train'], sampler)",
    "folds": "split the raw rows and resample each training fold only: "
    "for tr, te in cv.split(X, y): X_tr, y_tr = sampler.fit_resample(X[tr], "
    "y[tr]) (or cv=imbsafe.ResampledCV(sampler, cv=5) where a cv= is taken)",
    "cv": "pass the raw rows and resample inside each training fold: "
    "cross_validate(model, X, y, cv=imbsafe.ResampledCV(sampler, cv=5)) "
    "(or score imbsafe.ResampledClassifier(model, sampler))",
    "search": "search over the raw rows, with the resampling inside the model: "
    "GridSearchCV(imbsafe.ResampledClassifier(model, sampler), "
    "{{'estimator__<param>': [...]}}).fit(X, y)",
    "self": "fit imbsafe.ResampledClassifier({estimator}(...), sampler) on the raw "
    "rows: it splits the validation part off before resampling, or says what "
    "it cannot keep honest",
    "skorch": "fit the net on the raw rows with "
    "train_split=imbsafe.skorch.ResampledValidSplit(5, sampler=sampler): the "
    "valid part is split off first, only the train part is resampled",
    "keras": "split the validation rows off the raw data before resampling and "
    "pass them as validation_data=(X_val, y_val)",
    "eval": "split the validation rows off the raw data before resampling, or fit "
    "imbsafe.ResampledClassifier(model, sampler).fit(X_tr, y_tr, "
    "eval_set=[(X_val, y_val)]) on raw rows: it resamples the training rows "
    "only and passes the eval_set untouched",
    "eval_data": "split the validation rows off the raw data before resampling: "
    "X_tr, X_val, y_tr, y_val = train_test_split(X, y, stratify=y); resample "
    "X_tr, y_tr only; fit(..., validation_data=(X_val, y_val))",
    "trainer": "split first, resample the train split only: "
    "train_ds = imbsafe.hf.resample_dataset(splits['train'], sampler); "
    "Trainer(..., eval_dataset=splits['test'])",
}

_PREPROCESSING_FIX = (
    "fit the {estimator} inside the model, on training rows only: "
    "make_pipeline({estimator}(...), model) (an imbalanced-learn Pipeline when a "
    "sampler is in it too), then split or cross-validate that pipeline"
)


_SELECTION_FIX = (
    "split a validation part off the training part (X_fit, X_val, y_fit, y_val = "
    "train_test_split(X_tr, y_tr, stratify=y_tr)), let it choose (eval_set, "
    "validation_data, the threshold), and score the test part once, at the end; "
    "or fit imbsafe.ResampledClassifier(model, sampler), whose evaluation part is "
    "split off the raw training rows and left untouched"
)


def _place(t: Taint, where: Callable[[int], str], here: str) -> str:
    if t.note and t.kind in ("leak", "preprocessing"):
        return f"{t.what} {t.note} at {where(t.line)}"  # read from another file
    if t.file:
        shown = os.path.relpath(t.file, os.path.dirname(here) or ".")
        return f"{t.what} at {shown}:{t.line}"
    return f"{t.what} at {where(t.line)}"


def describe(
    kind: str,
    sink: Sink,
    taints: Iterable[Taint],
    where: Callable[[int], str],
    detail: str = "",
    here: str = "",
) -> tuple[str, str]:
    """Word the message and the fix of a finding of ``kind`` at ``sink``.

    ``where`` formats a line number as the user finds it ("line 12", or
    "cell 3, line 2" in a notebook); ``here`` is the checked file, from
    which the places in other files are named.
    """
    origins = sorted(set(taints), key=lambda t: (t.line, t.what))
    if kind == "selection":
        said = "; ".join(f"{t.what}, at {where(t.line)} ({t.note})" for t in origins)
        message = (
            f"{sink.name} scores the test part after that test part chose "
            f"{said}: the score is the best of several tries on these rows, "
            "so it is optimistic"
        )
        return message, _SELECTION_FIX
    said = []
    for t in origins[:3]:
        text = _place(t, where, here)
        if t.via is not None:
            text += f" (in a helper called at {where(t.via)})"
        said.append(text)
    if len(origins) > 3:
        said.append(f"{len(origins) - 3} more")
    fields = {"estimator": sink.estimator or "the estimator", "detail": detail}
    if kind == "preprocessing":
        fitted = ", ".join(said)
        message = (
            f"{sink.name} splits rows that a preprocessing step saw whole "
            f"({fitted}): its statistics include the rows it is scored on"
        )
        name = origins[0].what.split(".")[0] if origins else "transformer"
        return message, _PREPROCESSING_FIX.format(estimator=name)
    message = f"rows resampled by {', '.join(said)} reach {sink.name}: " + _CONSEQUENCE[
        sink.key
    ].format(**fields)
    key = "eval_data" if detail == "validation_data" else sink.key
    return message, _FIX[key].format(**fields)
