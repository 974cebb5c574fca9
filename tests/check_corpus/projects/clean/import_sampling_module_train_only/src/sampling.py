# pattern: cross-file look-alike, helper module: oversample(X, y) returns SMOTE output (no sink in this file) (clean)
from imblearn.over_sampling import SMOTE


def oversample(X, y, k=5, seed=42):
    """Return X, y with synthetic minority rows added."""
    return SMOTE(k_neighbors=k, random_state=seed).fit_resample(X, y)
