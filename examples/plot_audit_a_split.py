"""
Audit a split you did not make
==============================

Someone hands you a training file and a validation file and reports a great
F1. Was the data over-sampled before it was split? :func:`~imbsafe.audit_split`
looks for the two fingerprints: validation rows that are exact copies of
training rows (random over-sampling), and validation rows lying exactly on the
line through two rows of their class (SMOTE). It does not flag natural
duplicates or integer-coded features, which the digits here are full of (pixel
intensities 0..16). From the shell, ``imbsafe audit --train A.csv --valid B.csv
--target COL`` prints the same report and exits 1 on a leak.
"""

# %%
# Three ways to produce a train/valid pair from the same data
import numpy as np
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.model_selection import StratifiedKFold, train_test_split

from imbsafe import ResampledCV, audit_cv, audit_split
from imbsafe.datasets import load_digits_eight

X, y = load_digits_eight()
# imbalanced-learn's SMOTE returns rows in the dtype of X: on integer X its
# synthetic rows would be truncated back to integers, so work in float as a
# scaled pipeline would (truncated rows partly become copies of their parents,
# which the audit then counts as copies).
X = X.astype(np.float64)


def split(X, y):
    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.25, random_state=0)
    return X_tr, y_tr, X_va, y_va


clean = audit_split(*split(X, y))
copied = audit_split(*split(*RandomOverSampler(random_state=0).fit_resample(X, y)))
smoted = audit_split(*split(*SMOTE(random_state=0).fit_resample(X, y)))
print(clean, end="\n\n")
print(copied, end="\n\n")
print(smoted)

# %%
# A whole cross-validation: ``audit_cv`` runs the audit on every fold. The
# splitter of the naive protocol on resampled data is leaky in every fold;
# :class:`~imbsafe.ResampledCV` on the original data is clean (its copies stay
# inside the training part).
X_ros, y_ros = RandomOverSampler(random_state=0).fit_resample(X, y)
naive = audit_cv(StratifiedKFold(5, shuffle=True, random_state=0), X_ros, y_ros)
safe = audit_cv(ResampledCV(RandomOverSampler(random_state=0), cv=5), X, y)
print("naive folds leaky:", [r.leaky for r in naive])
print("ResampledCV folds leaky:", [r.leaky for r in safe])

# %%
# What each audit saw: valid rows copied from, or interpolated between,
# training rows, against what the data's own duplication explains. F1 is
# in the output of the companion examples; here, the counts.
try:
    import matplotlib.pyplot as plt
except ImportError:  # the [plot] extra is optional
    plt = None

if plt is not None:
    reports = {
        "clean split": clean,
        "ROS, then split": copied,
        "SMOTE, then split": smoted,
    }
    names = list(reports)
    x = np.arange(len(names))
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.bar(
        x - 0.27,
        [r.exact_duplicates for r in reports.values()],
        0.27,
        label="exact copies of training rows",
    )
    ax.bar(
        x,
        [r.expected_duplicates for r in reports.values()],
        0.27,
        label="explained by natural duplication",
    )
    ax.bar(
        x + 0.27,
        [r.interpolants for r in reports.values()],
        0.27,
        label="SMOTE-like interpolants",
    )
    ax.set_xticks(
        x, [f"{n}\n({'LEAK' if reports[n].leaky else 'clean'})" for n in names]
    )
    ax.set_ylabel("validation rows")
    ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()
