# pattern: smote_variants (import smote_variants as sv): sv.distance_SMOTE().sample(X, y) on the full data, then cross_val_score on the oversampled arrays (leak at cross_val_score)
import numpy as np
import pandas as pd
import smote_variants as sv
from sklearn.model_selection import cross_val_score, RepeatedStratifiedKFold
from sklearn.svm import SVC

df = pd.read_csv("yeast.csv")
X = df.drop(columns=["target"]).values
y = (df["target"] == "ME2").astype(int).values
print("imbalance ratio:", (y == 0).sum() / (y == 1).sum())

oversampler = sv.distance_SMOTE()
X_samp, y_samp = oversampler.sample(X, y)
print(X_samp.shape)

rskf = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=5)
auc = cross_val_score(SVC(probability=True), X_samp, y_samp, cv=rskf, scoring="roc_auc")  # expect: leak
print("AUC %.4f" % np.mean(auc))
