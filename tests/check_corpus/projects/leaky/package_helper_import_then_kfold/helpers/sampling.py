# pattern: cross-file, helper module in a package: make_balanced(X, y) returns RandomOverSampler output (no sink in this file)
from imblearn.over_sampling import RandomOverSampler


def make_balanced(X, y, seed=0):
    ros = RandomOverSampler(random_state=seed)
    return ros.fit_resample(X, y)
