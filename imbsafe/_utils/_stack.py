"""Where a warning should point: the user's line, not ours."""

from __future__ import annotations

import sys

__all__ = ["user_stacklevel"]

# Frames of these packages lie between the user's call and our warning (a
# scorer inside cross_validate, a callback inside net.fit); the warning names
# the line that called them.
_LIBRARIES = ("imbsafe", "sklearn", "imblearn", "skorch", "torch", "joblib")


def user_stacklevel() -> int:
    """Return the ``stacklevel`` for a ``warnings.warn`` made by the caller.

    It is the first frame outside imbsafe and the libraries it runs inside
    (or the outermost frame, in a worker process).
    """
    frame = sys._getframe(1)  # the function that calls warnings.warn
    level = 1
    while frame.f_back is not None:
        name = frame.f_globals.get("__name__", "")
        if name.split(".", 1)[0] not in _LIBRARIES:
            break
        frame, level = frame.f_back, level + 1
    return level
