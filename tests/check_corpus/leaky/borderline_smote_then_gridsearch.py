# pattern: BorderlineSMOTE on all rows, then GridSearchCV(...).fit on the resampled data; CV folds share synthetic neighbours (leak)
import pandas as pd
from imblearn.over_sampling import BorderlineSMOTE
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier

df = pd.read_csv("data/yeast.csv")
print(df.describe().T)
print(df.iloc[:, -1].value_counts())

X = df.iloc[:, :-1]
y = df.iloc[:, -1].map({"negative": 0, "positive": 1})

bsmote = BorderlineSMOTE(kind="borderline-1", random_state=3)
X_b, y_b = bsmote.fit_resample(X, y)

param_grid = {
    "n_neighbors": [3, 5, 7, 11, 15],
    "weights": ["uniform", "distance"],
    "p": [1, 2],
}
grid = GridSearchCV(KNeighborsClassifier(), param_grid, cv=5,
                    scoring="roc_auc", n_jobs=-1, verbose=1)
grid.fit(X_b, y_b)  # expect: leak
print(grid.best_params_)
print("best CV AUC: {:.4f}".format(grid.best_score_))

results = pd.DataFrame(grid.cv_results_)
print(results.sort_values("rank_test_score")[["params", "mean_test_score"]].head(10))
