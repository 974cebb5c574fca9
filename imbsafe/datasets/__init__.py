"""Small imbalanced data sets that ship with imbsafe (no download)."""

from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = ["load_digits_eight"]

_TARGET = "is_eight"


def load_digits_eight(*, as_frame: bool = False):
    """Load the "is this handwritten digit an 8?" data set (1,797 rows, 9.7 % positive).

    Derived from scikit-learn's copy of the UCI optical recognition of
    handwritten digits data (:func:`sklearn.datasets.load_digits`): 64 pixel
    intensities (integers 0 to 16) of 8x8 images, and a binary target that is 1
    for the 174 images of an 8. Nothing is dropped or altered, so the class
    ratio is the real one. It is the default data set of ``imbsafe compare``:
    with a logistic regression, resampling before splitting inflates the
    cross-validated F1 by about 0.2.

    Parameters
    ----------
    as_frame : bool, default=False
        If True, return a DataFrame with the pixel columns and the target
        column ``is_eight``; otherwise ``(X, y)`` as numpy arrays.

    Returns
    -------
    (X, y) : tuple of ndarray of shape (1797, 64) and (1797,)
        When ``as_frame=False``.
    frame : pandas.DataFrame of shape (1797, 65)
        When ``as_frame=True``.

    Examples
    --------
    >>> from imbsafe.datasets import load_digits_eight
    >>> X, y = load_digits_eight()
    >>> X.shape, int(y.sum())
    ((1797, 64), 174)
    """
    source = resources.files(__name__).joinpath("data", "digits_eight.csv.gz")
    with resources.as_file(source) as path:
        frame = pd.read_csv(path)
    if as_frame:
        return frame
    return frame.drop(columns=_TARGET).to_numpy(), frame[_TARGET].to_numpy()
