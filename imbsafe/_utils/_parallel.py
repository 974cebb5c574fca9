"""Fits in parallel, with their warnings delivered to the caller.

joblib runs ``n_jobs > 1`` fits in worker processes, whose warnings are
printed there, with source lines, instead of reaching the caller's filters,
``pytest.warns`` or the command line's one-line summary. Each task records
its warnings and the caller emits them again, at its own line.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from joblib import Parallel, delayed, effective_n_jobs

from ._stack import user_stacklevel

__all__ = ["parallel_map"]


def parallel_map(
    function: Callable[..., Any], calls: Iterable[tuple], n_jobs: int | None
) -> Iterator[Any]:
    """Yield ``function(*args)`` for each ``args`` in ``calls``, in order.

    Sequential (``n_jobs`` None or 1) calls run here as they are; parallel
    ones record their warnings, which are emitted again here as each result
    arrives.
    """
    sequential = effective_n_jobs(n_jobs) == 1
    results = Parallel(n_jobs=n_jobs, return_as="generator")(
        delayed(function if sequential else _recording)(
            *(args if sequential else (function, args))
        )
        for args in calls
    )
    try:
        for output in results:
            if sequential:
                yield output
                continue
            result, caught = output
            for message, category in caught:
                # a worker's stack ends in joblib: point at the caller's line,
                # where a sequential run points imbsafe's own warnings
                warnings.warn(message, category, stacklevel=user_stacklevel())
            yield result
    finally:
        # Stopped early (an error, Ctrl-C): joblib would warn that finished
        # tasks went unused, a line after the one that says why.
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", message=".*tasks have been successfully executed"
            )
            warnings.filterwarnings(
                "ignore", message=".*tasks which were still being processed"
            )
            results.close()


def _recording(function: Callable[..., Any], args: tuple) -> tuple[Any, list]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args)
    return result, [(str(w.message), w.category) for w in caught]
