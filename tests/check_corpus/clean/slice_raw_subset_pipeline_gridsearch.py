# pattern: raw (not resampled) rows sliced for speed with X[:20000] / df.iloc[:n]; SMOTE lives inside the imblearn Pipeline given to GridSearchCV and cross_val_score (clean)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.svm import SVC
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("network_intrusion.csv").select_dtypes("number")
df = df.sample(frac=1, random_state=0).reset_index(drop=True)   # shuffle, no replacement
y = (df["attack"] > 0).astype(int).to_numpy()
X = df.drop(columns="attack").to_numpy()

X_small, y_small = X[:20000], y[:20000]
pipe = make_pipeline(SMOTE(random_state=0), SVC())
grid = GridSearchCV(pipe, {"svc__C": [0.1, 1, 10], "svc__gamma": ["scale", 0.01]}, cv=3, n_jobs=-1)
grid.fit(X_small, y_small)
print(grid.best_params_, grid.best_score_)

head = df.iloc[:50000]
lr_pipe = make_pipeline(SMOTE(random_state=0), LogisticRegression(max_iter=3000))
print("LR:", cross_val_score(lr_pipe, head.drop(columns="attack"), (head["attack"] > 0).astype(int), cv=5).mean())
