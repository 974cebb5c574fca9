# pattern: learning_curve on an imblearn Pipeline(SMOTE, RF) with the raw X, y: SMOTE is refitted inside every training subset (clean)
import numpy as np
import matplotlib.pyplot as plt
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.datasets import fetch_openml
from sklearn.model_selection import learning_curve
from sklearn.ensemble import RandomForestClassifier

X, y = fetch_openml("ozone-level-8hr", version=1, return_X_y=True, as_frame=False)
y = (y == "2").astype(int)

pipe = Pipeline([("smote", SMOTE(k_neighbors=3, random_state=0)),
                 ("rf", RandomForestClassifier(n_estimators=100, random_state=0))])
train_sizes, train_scores, valid_scores = learning_curve(
    pipe, X, y, train_sizes=np.linspace(0.1, 1.0, 8), cv=5, scoring="f1", n_jobs=-1)

plt.plot(train_sizes, train_scores.mean(axis=1), "o-", label="train")
plt.plot(train_sizes, valid_scores.mean(axis=1), "o-", label="cross-validation")
plt.legend()
plt.show()
