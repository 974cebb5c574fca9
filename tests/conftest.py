"""Fixtures the test files share."""

import pytest
from _data import imbalanced


@pytest.fixture
def imbalanced_data():
    """600 rows, 8 features, about 10 % positives (``_data.imbalanced``)."""
    return imbalanced()
