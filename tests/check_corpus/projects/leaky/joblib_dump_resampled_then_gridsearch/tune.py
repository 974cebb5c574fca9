# pattern: cross-file, reader side: joblib.load of artifacts/resampled.pkl written by preprocess.py, then GridSearchCV.fit on the resampled rows (leak at the search fit)
import joblib
from sklearn.model_selection import GridSearchCV
from sklearn.ensemble import RandomForestClassifier

X, y = joblib.load("artifacts/resampled.pkl")
search = GridSearchCV(
    RandomForestClassifier(random_state=1),
    {"n_estimators": [200, 500], "min_samples_leaf": [1, 3, 5]},
    cv=5,
    scoring="f1",
)
search.fit(X, y)  # expect: leak
print(search.best_params_, round(search.best_score_, 4))
joblib.dump(search.best_estimator_, "artifacts/model.pkl")
