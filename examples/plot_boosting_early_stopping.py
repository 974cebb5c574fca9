"""
Early stopping behind a sampler: carve the evaluation set before resampling
===========================================================================

XGBoost, LightGBM and CatBoost early-stop on an evaluation set passed to
``fit``. With resampled training data, the usual recipe is **A**: resample,
then carve the evaluation set from the resampled rows. That set holds copies
(random over-sampling) or interpolations (SMOTE) of the rows the model fits,
at the resampled balance: the score the library logs and stops on is far too
high, and it keeps adding rounds long after the model stopped improving on
real data.

**B** splits first: carve the evaluation set from the training data,
untouched, and resample only the rest. This example writes both by hand with
LightGBM (XGBoost and CatBoost take the same steps) and scores each on a
holdout that neither saw. It is one small split of one table: the user
guide's table (:doc:`/boosting`) has 30 runs on real tables, with all three
libraries.
"""

# %%
# The data: scikit-learn's diabetes table (442 patients, 10 measurements);
# the positive class is a disease progression in the top 10 % after a year.
import sys

try:
    from lightgbm import LGBMClassifier
except ImportError:  # the [boost] extra is optional
    print("this example needs LightGBM: pip install 'imbsafe[boost]'")
    sys.exit(0)
import numpy as np
from imblearn.over_sampling import RandomOverSampler
from sklearn.datasets import load_diabetes
from sklearn.metrics import average_precision_score, log_loss
from sklearn.model_selection import train_test_split

X, progression = load_diabetes(return_X_y=True)
y = (progression > np.quantile(progression, 0.9)).astype(int)
X_train, X_hold, y_train, y_hold = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0
)


def model():
    return LGBMClassifier(
        n_estimators=2000,
        learning_rate=0.05,
        early_stopping_round=50,  # patience: 50 rounds without improvement
        min_child_samples=5,  # a small table
        random_state=0,
        n_jobs=1,
        verbose=-1,
    )


sampler = RandomOverSampler(random_state=0)

# %%
# A: resample the training data, then carve the evaluation set from it
X_res, y_res = sampler.fit_resample(X_train, y_train)
X_fit, X_eval, y_fit, y_eval = train_test_split(
    X_res, y_res, test_size=0.2, stratify=y_res, random_state=0
)
a = model().fit(X_fit, y_fit, eval_X=X_eval, eval_y=y_eval)
a_eval = average_precision_score(y_eval, a.predict_proba(X_eval)[:, 1])
print(f"A: evaluation set {y_eval.mean():.0%} positive")

# %%
# B: carve the evaluation set first, untouched; resample only the fit part
X_fit, X_eval, y_fit, y_eval = train_test_split(
    X_train, y_train, test_size=0.2, stratify=y_train, random_state=0
)
X_fit, y_fit = sampler.fit_resample(X_fit, y_fit)
b = model().fit(X_fit, y_fit, eval_X=X_eval, eval_y=y_eval)
b_eval = average_precision_score(y_eval, b.predict_proba(X_eval)[:, 1])
print(f"B: evaluation set {y_eval.mean():.0%} positive, as the data")

# %%
# What each protocol saw, and what it is worth on the holdout
for name, fitted, seen in (("A", a, a_eval), ("B", b, b_eval)):
    hold = fitted.predict_proba(X_hold)[:, 1]
    print(
        f"{name}: {fitted.best_iteration_:4d} rounds, eval AP the library saw "
        f"{seen:.3f}, holdout AP {average_precision_score(y_hold, hold):.3f}, "
        f"holdout log-loss {log_loss(y_hold, hold):.3f}"
    )
print(f"eval AP inflation of A: {a_eval - b_eval:+.3f}")

# %%
# The evaluation curves the library logged: A's log loss keeps falling on
# copies of its own fit rows; B's turns where real rows stop improving.
try:
    import matplotlib.pyplot as plt
except ImportError:  # the [plot] extra is optional
    plt = None
if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for name, fitted in (("A (resampled eval set)", a), ("B (untouched)", b)):
        curve = fitted.evals_result_["valid_0"]["binary_logloss"]
        ax.plot(range(1, len(curve) + 1), curve, label=name)
    ax.set(xlabel="round", ylabel="evaluation log loss", yscale="log")
    ax.legend()
    fig.tight_layout()
