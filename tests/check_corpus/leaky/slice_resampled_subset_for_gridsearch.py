# pattern: resampled rows sliced for speed (X_res[:20000], df_up.iloc[:n]) and the slices go into GridSearchCV.fit and cross_val_score (two leaks)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.svm import SVC
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("network_intrusion.csv")
df = df.select_dtypes("number")
y = (df.pop("attack") > 0).astype(int).to_numpy()
X = df.to_numpy()

X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
perm = np.random.RandomState(0).permutation(len(y_res))
X_res, y_res = X_res[perm], y_res[perm]

# SVC is slow, tune on a subset
X_small = X_res[:20000]
y_small = y_res[:20000]
grid = GridSearchCV(SVC(), {"C": [0.1, 1, 10], "gamma": ["scale", 0.01]}, cv=3, n_jobs=-1)
grid.fit(X_small, y_small)  # expect: leak
print(grid.best_params_, grid.best_score_)

# same thing for a quick LR baseline, via a DataFrame
df_up = pd.DataFrame(X_res, columns=df.columns)
df_up["attack"] = y_res
n = 50000
head = df_up.iloc[:n]
lr_scores = cross_val_score(LogisticRegression(max_iter=3000), head.drop(columns="attack"), head["attack"], cv=5)  # expect: leak
print("LR:", lr_scores.mean())
