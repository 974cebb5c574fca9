# pattern: geometric-smote's GeometricSMOTE (imblearn-compatible) as a step of an imblearn Pipeline tuned with RandomizedSearchCV on the raw rows (clean look-alike of GeometricSMOTE before the search)
import pandas as pd
from gsmote import GeometricSMOTE
from imblearn.pipeline import Pipeline
from sklearn.model_selection import RandomizedSearchCV
from sklearn.ensemble import RandomForestClassifier
from scipy.stats import randint

df = pd.read_csv("thyroid.csv")
X, y = df.iloc[:, :-1], df.iloc[:, -1]

pipe = Pipeline([("gsmote", GeometricSMOTE(k_neighbors=3, random_state=8)), ("rf", RandomForestClassifier(random_state=8))])
search = RandomizedSearchCV(pipe, {"rf__n_estimators": randint(100, 600), "rf__max_depth": randint(3, 20)}, n_iter=20, cv=5, scoring="f1_macro")
search.fit(X, y)
print(search.best_params_, search.best_score_)
