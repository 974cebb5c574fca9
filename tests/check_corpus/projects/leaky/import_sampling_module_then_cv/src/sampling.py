# pattern: cross-file, helper module: oversample(X, y) returns SMOTE output (no sink in this file)
from imblearn.over_sampling import SMOTE


def oversample(X, y, k=5, seed=42):
    """Return X, y with synthetic minority rows added."""
    sm = SMOTE(k_neighbors=k, random_state=seed)
    X_res, y_res = sm.fit_resample(X, y)
    return X_res, y_res
