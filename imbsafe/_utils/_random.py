"""Seeds: one way to turn any ``random_state`` into something reproducible."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils import check_random_state

__all__ = ["fresh_seed", "int_seed"]


def int_seed(random_state: Any) -> int | None:
    """Return an int seed for any ``random_state`` scikit-learn accepts.

    None stays None (unseeded), an int is itself, and a ``RandomState`` (or
    the global generator, ``np.random``) gives one draw, as scikit-learn's
    :func:`~sklearn.utils.check_random_state` reads it. Anything else is
    refused with scikit-learn's error.
    """
    if random_state is None or isinstance(random_state, int | np.integer):
        return None if random_state is None else int(random_state)
    return int(check_random_state(random_state).randint(np.iinfo(np.int32).max))


def fresh_seed() -> int:
    """Return one int seed drawn from numpy's global generator."""
    return int_seed(check_random_state(None))
