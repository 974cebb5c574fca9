# pattern: cross-file look-alike, reader side: joblib.load of the resampled TRAINING part and the untouched test part; fit on the first, score on the second (clean)
import joblib
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

X_train, y_train, X_test, y_test = joblib.load("artifacts/splits.pkl")
rf = RandomForestClassifier(n_estimators=500, min_samples_leaf=3, random_state=1).fit(X_train, y_train)
print("test F1:", f1_score(y_test, rf.predict(X_test)))
