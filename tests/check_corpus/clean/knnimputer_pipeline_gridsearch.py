# pattern: KNNImputer as the first step of a Pipeline tuned with GridSearchCV, so imputation is refitted inside each CV fold (clean)
import pandas as pd
from sklearn.impute import KNNImputer
from sklearn.pipeline import Pipeline
from sklearn.model_selection import GridSearchCV
from sklearn.ensemble import GradientBoostingClassifier

df = pd.read_csv("hepatitis.csv").replace("?", float("nan")).astype(float)
y = (df.pop("class") == 1).astype(int)

pipe = Pipeline([("imp", KNNImputer()), ("gb", GradientBoostingClassifier(random_state=0))])
gs = GridSearchCV(pipe, {"imp__n_neighbors": [3, 5, 9], "gb__n_estimators": [50, 100, 200], "gb__max_depth": [1, 2, 3]},
                  cv=5, scoring="roc_auc")
gs.fit(df, y)
print(gs.best_params_, round(gs.best_score_, 3))
