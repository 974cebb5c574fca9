"""The optional extras: what an integration needs, and the line that says so."""

from __future__ import annotations

__all__ = ["missing_extra"]

# torch first, pinned: it installs a CPU build from a local file, where any
# other torch requirement would pull several GB of CUDA packages.
_TORCH = "torch==2.13.0"


def missing_extra(
    what: str, needs: str, extra: str, error: ModuleNotFoundError
) -> ModuleNotFoundError:
    """Return the one-line error for ``what`` without its extra's packages.

    ``needs`` names the packages in words ("torch and skorch"), ``extra`` the
    extra that installs them; ``error`` is the failed import, whose missing
    module the line names. Raise it ``from None``: the line says it all.

    >>> error = ModuleNotFoundError(name="torch")
    >>> print(missing_extra("imbsafe.losses", "torch", "torch", error))
    imbsafe.losses needs torch (torch is missing): pip install torch==2.13.0 \
'imbsafe[torch]'
    """
    return ModuleNotFoundError(
        f"{what} needs {needs} ({error.name} is missing): "
        f"pip install {_TORCH} 'imbsafe[{extra}]'",
        name=error.name,
    )
