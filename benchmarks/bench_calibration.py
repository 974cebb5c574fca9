"""What resampling does to the probabilities: van den Goorbergh et al. 2022 rerun.

The design of "The harm of class imbalance corrections for risk prediction
models: illustration and simulation using logistic regression" (van den
Goorbergh, van Smeden, Timmerman, Van Calster; JAMIA 29(9), 2022), scaled to
this machine: predictors drawn from a multivariate normal distribution per
class (identity covariance, the events' means shifted so that the true model's
AUROC is 0.85), logistic regression fitted on a development set with no
correction, random under-sampling (RUS), random over-sampling (ROS) or SMOTE
(each through ``ResampledClassifier``, which resamples the development set
only), and scored on a large independent validation set drawn from the same
distribution. Event fractions 0.02, 0.1 and 0.2; 8 and 16 predictors; a
development set of 2,000 rows (the paper varied its size with the events per
variable; one size here); medians over the repetitions.

Each corrected model is also scored with ``prior_correction=True`` (its
probabilities mapped back to the development set's base rate), the repair
imbsafe adds: the same fitted model, the same AUROC.

The paper reports its simulation results in figures; the search tool gave the
abstract and design, not figure values, so the table's "paper" column quotes
the paper's qualitative findings (no AUROC gain; risk strongly overestimated
after correction) rather than invent numbers.

Run: ``python benchmarks/bench_calibration.py`` (``--quick``: 5 repetitions
instead of 40).
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from _common import machine_info
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler
from scipy.stats import norm
from sklearn.linear_model import LogisticRegression

from imbsafe import ResampledClassifier
from imbsafe.metrics import calibration_intercept, calibration_slope, roc_auc

AUROC = 0.85
FRACTIONS = (0.02, 0.1, 0.2)
PREDICTORS = (8, 16)
N_DEV, N_VAL = 2_000, 50_000
CORRECTIONS = {
    "none": None,
    "RUS": RandomUnderSampler,
    "ROS": RandomOverSampler,
    "SMOTE": SMOTE,
}
# the paper's findings as its abstract states them; its figures' values
# could not be read from the sources available here
PAPER = {
    "none": "figures not available; AUROC not below the corrections'",
    "RUS": "figures not available; no AUROC gain, risk strongly overestimated",
    "ROS": "figures not available; no AUROC gain, risk strongly overestimated",
    "SMOTE": "figures not available; no AUROC gain, risk strongly overestimated",
}


def draw(rng, n: int, fraction: float, p: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows of two normal classes whose best (logistic) model has AUROC 0.85."""
    shift = np.sqrt(2) * norm.ppf(AUROC) / np.sqrt(p)  # ||mu|| / sqrt(2) = z
    y = (rng.uniform(size=n) < fraction).astype(int)
    X = rng.normal(size=(n, p)) + shift * y[:, None]
    return X, y


def scores(model, X, y) -> tuple[float, float, float]:
    p = model.predict_proba(X)[:, 1]
    return roc_auc(y, p), calibration_intercept(y, p), calibration_slope(y, p)


def run(repeats: int) -> dict:
    """(correction, prior?) -> list of (auroc, intercept, slope), all scenarios."""
    out: dict = {}
    for fraction in FRACTIONS:
        for p in PREDICTORS:
            rng = np.random.default_rng(int(fraction * 1000) + p)
            X_val, y_val = draw(rng, N_VAL, fraction, p)
            for rep in range(repeats):
                X, y = draw(rng, N_DEV, fraction, p)
                for name, sampler in CORRECTIONS.items():
                    if sampler is None:
                        model = LogisticRegression(C=np.inf, max_iter=1000)
                        model.fit(X, y)
                        out.setdefault((name, fraction), []).append(
                            scores(model, X_val, y_val)
                        )
                        continue
                    wrapped = ResampledClassifier(
                        LogisticRegression(C=np.inf, max_iter=1000),
                        sampler(random_state=rep),
                    ).fit(X, y)
                    out.setdefault((name, fraction), []).append(
                        scores(wrapped, X_val, y_val)
                    )
                    # the same fitted model, its probabilities mapped back
                    wrapped.set_params(prior_correction=True)
                    out.setdefault((name + " + prior", fraction), []).append(
                        scores(wrapped, X_val, y_val)
                    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    repeats = 5 if args.quick else 40
    results = run(repeats)
    print(machine_info())
    print(
        f"\nvan den Goorbergh et al. 2022 design, scaled: development n={N_DEV:,}, "
        f"validation n={N_VAL:,}, {len(PREDICTORS)} predictor counts "
        f"{PREDICTORS}, {repeats} repetitions each; medians over repetitions and "
        "predictor counts.\n"
    )
    header = (
        f"{'correction':<16}{'event fraction':>15}{'AUROC':>8}{'cal. intercept':>16}"
        f"{'cal. slope':>12}  paper (qualitative)"
    )
    print(header)
    names = [*CORRECTIONS, *(f"{n} + prior" for n in CORRECTIONS if n != "none")]
    for name in names:
        for fraction in FRACTIONS:
            values = np.array(results[name, fraction])
            auc, intercept, slope = np.nanmedian(values, axis=0)
            paper = PAPER.get(name, "not in the paper (imbsafe's repair)")
            print(
                f"{name:<16}{fraction:>15.2f}{auc:>8.3f}{intercept:>16.2f}"
                f"{slope:>12.2f}  {paper if fraction == FRACTIONS[0] else ''}"
            )


if __name__ == "__main__":
    main()
