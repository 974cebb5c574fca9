# pattern: the kmeans_smote package (from kmeans_smote import KMeansSMOTE) with the old fit_sample API on every row, then train_test_split (leak at the split)
import numpy as np
import pandas as pd
from kmeans_smote import KMeansSMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import AdaBoostClassifier
from sklearn.metrics import roc_auc_score

df = pd.read_csv("abalone.csv")
df = pd.get_dummies(df, columns=["Sex"])
X = df.drop(columns=["Rings"]).values
y = (df["Rings"] > 18).astype(int).values

kmeans_smote = KMeansSMOTE(
    kmeans_args={"n_clusters": 50},
    smote_args={"k_neighbors": 5},
)
X_resampled, y_resampled = kmeans_smote.fit_sample(X, y)
print(np.unique(y_resampled, return_counts=True))

X_train, X_test, y_train, y_test = train_test_split(  # expect: leak
    X_resampled, y_resampled, test_size=0.2, random_state=0
)
ada = AdaBoostClassifier(n_estimators=200).fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, ada.predict_proba(X_test)[:, 1]))
