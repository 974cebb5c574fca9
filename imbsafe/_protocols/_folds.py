"""One fold runner: the same outer folds for every contender, fitted in parallel.

:func:`~imbsafe.compare_resampling` (two protocols) and
:func:`~imbsafe.compare_remedies` (a line-up of remedies) both fit several
contenders on the same folds and score them on the same test rows. What they
share lives here: the splitter that splits alike every time (:func:`seeded`),
the task of one contender on one fold (:class:`FoldTask`), a fold's rows
(:func:`fold_rows`), the parallel loop with its progress (:func:`run_folds`)
and the frame of each test row's score that draws the curves
(:func:`curves_frame`). What a contender does on its fold is its own job: a
picklable callable taking the :class:`FoldTask`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from sklearn.utils import _safe_indexing

from .._utils._parallel import parallel_map
from .._utils._random import fresh_seed

__all__ = ["FoldRows", "FoldTask", "curves_frame", "fold_rows", "run_folds", "seeded"]


class FoldTask(NamedTuple):
    """One contender (a protocol, a remedy) on one outer fold."""

    name: str
    fold: int
    train: np.ndarray
    test: np.ndarray


class FoldRows(NamedTuple):
    """A fold's training and test rows, sliced from the data."""

    X_train: Any
    y_train: np.ndarray
    X_test: Any
    y_test: np.ndarray


def seeded(splitter: Any) -> Any:
    """Copy ``splitter`` so that it splits the same way every time it is used.

    A shuffling splitter with ``random_state=None`` draws from numpy's global
    generator at each ``split`` call, so two contenders would see different
    folds; it gets a seed drawn once from that generator instead.
    """
    if getattr(splitter, "random_state", 0) is None and (
        getattr(splitter, "shuffle", True)
    ):
        splitter = copy.deepcopy(splitter)
        splitter.random_state = fresh_seed()
    return splitter


def fold_rows(X: Any, y: Any, task: FoldTask) -> FoldRows:
    """Slice the task's training and test rows out of ``X`` and ``y``."""
    y = np.asarray(y)
    return FoldRows(
        _safe_indexing(X, task.train),
        y[task.train],
        _safe_indexing(X, task.test),
        y[task.test],
    )


def run_folds(
    jobs: Mapping[str, Callable[[FoldTask], Any]],
    tasks: list[FoldTask],
    n_jobs: int | None,
    on_progress: Callable[[int, int, str], None] | None = None,
    step: Callable[[FoldTask, int], str] | None = None,
) -> list[Any]:
    """Run ``jobs[task.name](task)`` for every task, in parallel; keep the order.

    ``on_progress(done, total, step(task, done))`` is called as each task
    finishes, in order: the command line's progress display.
    """
    outputs = []
    calls = ((jobs[task.name], task) for task in tasks)
    for done, output in enumerate(parallel_map(_run, calls, n_jobs), start=1):
        outputs.append(output)
        if on_progress is not None:
            task = tasks[done - 1]
            on_progress(done, len(tasks), step(task, done) if step else task.name)
    return outputs


def _run(job: Callable[[FoldTask], Any], task: FoldTask) -> Any:
    return job(task)


def curves_frame(
    column: str, rows: Iterable[tuple[str, int, np.ndarray, np.ndarray]]
) -> pd.DataFrame:
    """One row per test row: (``column``, fold, y_true, score), for the curves.

    ``rows`` holds, per contender and fold, its name, the fold, the test
    rows' labels and their positive-class scores.
    """
    return pd.concat(
        [
            pd.DataFrame({column: name, "fold": fold, "y_true": y, "score": score})
            for name, fold, y, score in rows
        ],
        ignore_index=True,
    )
