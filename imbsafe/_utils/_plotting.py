"""matplotlib, imported where a picture is drawn, with the fix when it is missing."""

from __future__ import annotations

from typing import Any

__all__ = ["pyplot"]


def pyplot(what: str) -> Any:
    """Return ``matplotlib.pyplot``, or an ImportError that says how to get it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError(
            f"{what} draws with matplotlib, which is not installed: "
            "pip install 'imbsafe[plot]'"
        ) from e
    return plt
