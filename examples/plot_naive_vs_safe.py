"""
Resample-then-split inflates scores; split-then-resample does not
=================================================================

Over-sampling the whole data set before cross-validation puts copies of the
same minority rows in training and test folds, and balances every test fold.
This example measures the damage on real data, then shows the two safe ways
to resample: :class:`~imbsafe.ResampledCV` and
:class:`~imbsafe.ResampledClassifier`.
"""

# %%
# The data: is this handwritten digit an 8? (1,797 rows, 9.7 % positive)
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbsafe import ResampledClassifier, ResampledCV, compare_resampling
from imbsafe.datasets import load_digits_eight

X, y = load_digits_eight()
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
cv = StratifiedKFold(5, shuffle=True, random_state=0)

# %%
# Naive against safe, on the same folds
result = compare_resampling(model, RandomOverSampler(random_state=0), X, y, cv=cv)
print(result.summary.round(3))

# %%
# Safe way 1: a splitter that resamples only the training folds (index
# samplers such as RandomOverSampler; no copy of X is made for it).
safe_cv = ResampledCV(RandomOverSampler(random_state=0), cv=cv)
scores = cross_validate(model, X, y, cv=safe_cv, scoring=["f1", "average_precision"])
print("ResampledCV F1:", scores["test_f1"].mean().round(3))

# %%
# Safe way 2: a classifier that resamples inside fit (any sampler, SMOTE too),
# with probabilities corrected back to the real base rate.
clf = ResampledClassifier(model, SMOTE(random_state=0), prior_correction=True)
scores = cross_validate(clf, X, y, cv=cv, scoring=["f1", "average_precision"])
print("ResampledClassifier(SMOTE) F1:", scores["test_f1"].mean().round(3))

# %%
# The picture: F1 and average precision per fold, naive against safe.
try:
    import matplotlib.pyplot as plt
except ImportError:  # the [plot] extra is optional
    plt = None
if plt is not None:
    folds = result.folds[result.folds["metric"].isin(["f1", "average_precision"])]
    fig, axes = plt.subplots(1, 2, figsize=(8, 3), sharey=True)
    for ax, (metric, part) in zip(axes, folds.groupby("metric"), strict=True):
        for protocol, marker in (("naive", "o"), ("safe", "s")):
            values = part[part["protocol"] == protocol]["value"]
            ax.plot(range(1, len(values) + 1), values, marker=marker, label=protocol)
        ax.set_title(metric)
        ax.set_xlabel("fold")
    axes[0].legend()
    fig.tight_layout()
