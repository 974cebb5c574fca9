# pattern: the geometric-smote package (from gsmote import GeometricSMOTE) .fit_resample on the whole dataset, then RandomizedSearchCV.fit on the oversampled rows (leak at the search fit)
import pandas as pd
from gsmote import GeometricSMOTE
from sklearn.model_selection import RandomizedSearchCV
from sklearn.ensemble import RandomForestClassifier
from scipy.stats import randint

df = pd.read_csv("thyroid.csv")
X, y = df.iloc[:, :-1], df.iloc[:, -1]

gsmote = GeometricSMOTE(k_neighbors=3, selection_strategy="combined", random_state=8)
X_g, y_g = gsmote.fit_resample(X, y)

search = RandomizedSearchCV(
    RandomForestClassifier(random_state=8),
    {"n_estimators": randint(100, 600), "max_depth": randint(3, 20)},
    n_iter=20,
    cv=5,
    scoring="f1_macro",
)
search.fit(X_g, y_g)  # expect: leak
print(search.best_params_)
print("best CV f1_macro:", search.best_score_)
