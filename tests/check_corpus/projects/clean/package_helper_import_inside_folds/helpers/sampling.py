# pattern: cross-file look-alike, helper module in a package: make_balanced(X, y) returns RandomOverSampler output (no sink in this file) (clean)
from imblearn.over_sampling import RandomOverSampler


def make_balanced(X, y, seed=0):
    return RandomOverSampler(random_state=seed).fit_resample(X, y)
