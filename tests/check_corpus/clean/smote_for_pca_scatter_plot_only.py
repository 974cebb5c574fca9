# pattern: SMOTE output used only to draw a 2-D PCA scatter of real vs synthetic points; the model is evaluated with SMOTE inside an imblearn pipeline in cross_val_score on the raw rows (clean)
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.decomposition import PCA
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score

df = pd.read_csv("wine_quality.csv")
X = df.drop(columns="quality").values
y = (df["quality"] >= 8).astype(int).values

X_vis, y_vis = SMOTE(random_state=0).fit_resample(X, y)
pts = PCA(n_components=2).fit_transform(X_vis)
n = len(y)
plt.scatter(pts[:n, 0], pts[:n, 1], c=y, s=5, cmap="coolwarm", label="real")
plt.scatter(pts[n:, 0], pts[n:, 1], c="green", s=5, marker="x", label="synthetic")
plt.legend()
plt.title("What SMOTE adds")
plt.show()
print(np.bincount(y_vis))

pipe = make_pipeline(SMOTE(random_state=0), RandomForestClassifier(n_estimators=200))
print(cross_val_score(pipe, X, y, cv=5, scoring="f1").mean())
