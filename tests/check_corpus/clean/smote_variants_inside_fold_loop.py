# pattern: smote_variants sv.distance_SMOTE().sample applied to the training fold inside a RepeatedStratifiedKFold loop over the raw arrays; each test fold is untouched (clean)
import numpy as np
import pandas as pd
import smote_variants as sv
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.svm import SVC
from sklearn.metrics import roc_auc_score

df = pd.read_csv("yeast.csv")
X = df.drop(columns=["target"]).values
y = (df["target"] == "ME2").astype(int).values

aucs = []
rskf = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=5)
for tr, te in rskf.split(X, y):
    X_s, y_s = sv.distance_SMOTE().sample(X[tr], y[tr])
    clf = SVC(probability=True).fit(X_s, y_s)
    aucs.append(roc_auc_score(y[te], clf.predict_proba(X[te])[:, 1]))
print("AUC %.4f" % np.mean(aucs))
