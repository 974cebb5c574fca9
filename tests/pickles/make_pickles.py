"""Make the pickles that tests/test_pickles.py loads: run once, at a release.

The files here were made at commit ab8230d, before the private modules moved
into subpackages (#38), so they name the old module paths (``imbsafe._wrapper``
and so on). Run from the repository root::

    PYTHONPATH=$PWD python tests/pickles/make_pickles.py

Each file holds a dict: name -> (object, what it should still do after
loading). ``core.pkl`` needs no torch; ``torch.pkl`` holds the skorch, Hugging
Face and loss objects. ``modules.txt`` lists the modules of imbsafe at that
commit: a pickle made later must name only these.
"""

import pickle
import sys
from pathlib import Path

import numpy as np
from imblearn.over_sampling import RandomOverSampler
from sklearn.datasets import make_classification
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_validate

import imbsafe
from imbsafe import (
    ComparisonResult,
    LeakageWarning,
    ResampledClassifier,
    ResampledCV,
    ResamplingLeakageError,
    SamplerNotIndexableError,
    audit_cv,
    audit_split,
    check_source,
    class_weights,
    compare_remedies,
    compare_resampling,
    pos_weight,
)
from imbsafe import metrics as m

HERE = Path(__file__).parent


def data():
    """The data every pickled object was fitted on and is checked against."""
    return make_classification(
        n_samples=240, n_features=6, weights=[0.85], random_state=0
    )


def core():
    X, y = data()
    ros = RandomOverSampler(random_state=0)
    fitted = ResampledClassifier(LogisticRegression(), ros).fit(X, y)
    own = ResampledClassifier(
        HistGradientBoostingClassifier(
            max_iter=20, early_stopping=True, validation_fraction=0.2, random_state=0
        ),
        ros,
    ).fit(X, y)
    cv = ResampledCV(ros, cv=3)
    X_res, y_res = ros.fit_resample(X, y)
    leaky = audit_split(X_res[::2], y_res[::2], X_res[1::2], y_res[1::2])
    reports = audit_cv(cv, X, y)
    comparison = compare_resampling(
        LogisticRegression(), ros, X, y, cv=3, scoring=("f1", "roc_auc")
    )
    remedies = compare_remedies(
        LogisticRegression(),
        X,
        y,
        remedies=["none", "class_weight", "ros", "threshold"],
        cv=3,
        random_state=0,
    )
    proba = fitted.predict_proba(X)[:, 1]
    pred = fitted.predict(X)
    scorer = m.get_scorer("f1")
    return {
        "unfitted_classifier": (ResampledClassifier(LogisticRegression(), ros), None),
        "fitted_classifier": (fitted, fitted.predict_proba(X)),
        "fitted_own_validation": (own, own.predict_proba(X)),
        "resampled_cv": (cv, [t.tolist() for t, _ in cv.split(X, y)]),
        "leakage_report": (leaky, repr(leaky)),
        "leakage_reports": (reports, [repr(r) for r in reports]),
        "comparison": (comparison, repr(comparison)),
        "comparison_class": (ComparisonResult, None),
        "remedies": (remedies, repr(remedies)),
        "findings": (
            check_source(
                "X_res, y_res = SMOTE().fit_resample(X, y)\n"
                "train_test_split(X_res, y_res)\n"
            ),
            None,
        ),
        "binary_report": (m.binary_report(y, proba), None),
        "confusion_counts": (m.confusion_counts(y, pred), None),
        "multiclass_report": (m.multiclass_report(y, fitted.predict_proba(X)), None),
        "scorer": (scorer, scorer(fitted, X, y)),
        "scorers": (m.scorers(), None),
        "fold_summary": (
            m.fold_summary(
                cross_validate(
                    LogisticRegression(), X, y, cv=3, scoring=m.scorers(("f1",))
                )
            ),
            None,
        ),
        "class_weights": (class_weights(y), None),
        "pos_weight": (pos_weight(y), None),
        "functions": (
            [
                compare_resampling,
                compare_remedies,
                audit_split,
                audit_cv,
                check_source,
                class_weights,
                pos_weight,
                imbsafe.audit_estimator,
                m.binary_report,
                m.get_scorer,
            ],
            None,
        ),
        "exceptions": (
            [
                SamplerNotIndexableError("x"),
                ResamplingLeakageError("y"),
                LeakageWarning("z"),
            ],
            None,
        ),
    }


def with_torch():
    import torch

    from imbsafe import hf, losses, skorch

    X, y = data()
    logits = torch.tensor(X[:, :2], dtype=torch.float32)
    target = torch.tensor(y, dtype=torch.long)
    focal = losses.FocalLoss(gamma=2.0)
    binary = losses.BinaryFocalLoss(gamma=1.0)
    return {
        "focal_loss": (focal, float(focal(logits, target))),
        "binary_focal_loss": (binary, float(binary(logits[:, 0], target.float()))),
        "skorch_split": (skorch.ResampledValidSplit(RandomOverSampler(), 5), None),
        "skorch_callbacks": (
            [
                skorch.EpochMetrics(),
                skorch.LeakageGuard(),
                skorch.TrainFoldClassWeights(),
                skorch.BalancedBatches(random_state=0),
            ],
            None,
        ),
        "hf_guard": (hf.LeakageGuardCallback({"text": ["a", "b"]}), None),
        "hf_functions": (
            [hf.compute_metrics, hf.resample_dataset, losses.binary_proba],
            None,
        ),
    }


def modules():
    root = Path(imbsafe.__file__).parent
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


if __name__ == "__main__":
    np.random.seed(0)
    for name, make in (("core", core), ("torch", with_torch)):
        with open(HERE / f"{name}.pkl", "wb") as f:
            pickle.dump(make(), f, protocol=4)
    (HERE / "modules.txt").write_text("\n".join(modules()) + "\n")
    print("made", sorted(p.name for p in HERE.iterdir()), file=sys.stderr)
