"""
Choosing a remedy for imbalance
===============================

Random over-sampling, SMOTE, under-sampling, class weights, or no resampling
and a tuned decision threshold? The answer depends on the model and the data,
so :func:`~imbsafe.compare_remedies` measures it on yours: every remedy is
fitted on the same training folds and scored on the same untouched test folds,
and a threshold is tuned inside each training fold only. The summary gives
each remedy's paired difference to doing nothing, with a 95 % interval that
says when two remedies cannot be told apart.

From the shell: ``imbsafe remedies`` (``--data FILE.csv --target COL``,
``--model logreg|rf|mlp``, ``--report page.html``).
"""

# %%
# The embedded data set: is a handwritten digit an 8? (9.7 % positives)
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from imbsafe import compare_remedies
from imbsafe.datasets import load_digits_eight

model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
X, y = load_digits_eight()
digits = compare_remedies(model, X, y, random_state=0)
columns = [("average_precision", s) for s in ("mean", "diff", "diff_low", "diff_high")]
print(digits.summary[columns].round(3).to_string())
print("verdict:", digits.verdict)

# %%
# The picture: each remedy's mean precision-recall curve on the untouched
# folds. A tuned threshold does not change the scores, only where the model
# cuts them: it is the point on its base remedy's curve.
try:
    import matplotlib.pyplot as plt
except ImportError:  # the [plot] extra is optional
    plt = None
if plt is not None:
    ax = digits.plot()
    ax.set_title("digits_eight, logistic regression")
    plt.tight_layout()

# %%
# A second real data set that scikit-learn ships: breast cancer diagnosis,
# malignant (37 %) as the positive class, with a stronger imbalance made by
# keeping one malignant case in four.
cancer = load_breast_cancer()
positive = cancer.target == 0
keep = ~positive | (positive.cumsum() % 4 == 0)
Xc, yc = cancer.data[keep], positive[keep].astype(int)
result = compare_remedies(
    model, Xc, yc, scoring=("f1", "average_precision"), random_state=0
)
print(
    result.summary[[("f1", s) for s in ("mean", "diff", "diff_low", "diff_high")]]
    .round(3)
    .to_string()
)
print("verdict:", result.verdict)
print(f"tournament best on breast cancer (F1): {result.best}")
