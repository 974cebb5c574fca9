# pattern: SMOTEENN as a step of an imblearn Pipeline evaluated with cross_validate on the raw data (clean)
from collections import Counter

import numpy as np
import pandas as pd
from imblearn.combine import SMOTEENN
from imblearn.pipeline import Pipeline
from sklearn.model_selection import cross_validate, RepeatedStratifiedKFold
from sklearn.ensemble import ExtraTreesClassifier

ecoli = pd.read_csv("ecoli.data", sep=r"\s+", header=None,
                    names=["seq", "mcg", "gvh", "lip", "chg", "aac", "alm1", "alm2", "site"])
X = ecoli[["mcg", "gvh", "lip", "chg", "aac", "alm1", "alm2"]].values
y = (ecoli["site"] == "imU").astype(int).values
print(sorted(Counter(y).items()))

model = Pipeline(steps=[("r", SMOTEENN(random_state=42)),
                        ("m", ExtraTreesClassifier(n_estimators=300, random_state=42))])
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=42)
scoring = ["precision", "recall", "f1", "roc_auc"]
res = cross_validate(model, X, y, cv=cv, scoring=scoring, n_jobs=-1)
for m in scoring:
    print(f"{m:>10}: {np.mean(res['test_' + m]):.3f}")
