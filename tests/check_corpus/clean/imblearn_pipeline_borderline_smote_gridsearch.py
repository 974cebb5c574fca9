# pattern: BorderlineSMOTE inside imblearn make_pipeline, GridSearchCV on the raw training split, test set held out (clean)
import pandas as pd
from imblearn.over_sampling import BorderlineSMOTE
from imblearn.pipeline import make_pipeline
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score

df = pd.read_csv("data/yeast.csv")
X = df.iloc[:, :-1]
y = df.iloc[:, -1].map({"negative": 0, "positive": 1})
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.25, random_state=3)

pipe = make_pipeline(StandardScaler(), BorderlineSMOTE(kind="borderline-1", random_state=3), KNeighborsClassifier())
param_grid = {
    "kneighborsclassifier__n_neighbors": [3, 5, 7, 11, 15],
    "kneighborsclassifier__weights": ["uniform", "distance"],
    "borderlinesmote__k_neighbors": [3, 5],
}
grid = GridSearchCV(pipe, param_grid, cv=5, scoring="roc_auc", n_jobs=-1)
grid.fit(X_train, y_train)
print(grid.best_params_, grid.best_score_)
print("test AUC:", roc_auc_score(y_test, grid.predict_proba(X_test)[:, 1]))
