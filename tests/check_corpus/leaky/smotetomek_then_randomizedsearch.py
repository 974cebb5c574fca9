# pattern: SMOTETomek on the full data, then RandomizedSearchCV.fit on the resampled arrays (leak)
import numpy as np
import pandas as pd
from scipy.stats import randint, uniform
from imblearn.combine import SMOTETomek
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import RandomizedSearchCV

df = pd.read_csv("machine_failure.csv")
df = df.drop(columns=["UDI", "Product ID"])
df = pd.get_dummies(df, columns=["Type"])
print(df["Machine failure"].value_counts())

y = df.pop("Machine failure")
X = df

smt = SMOTETomek(random_state=2021)
X_smt, y_smt = smt.fit_resample(X, y)
print("shape after SMOTETomek:", X_smt.shape)

param_dist = {
    "n_estimators": randint(100, 800),
    "max_depth": randint(3, 30),
    "min_samples_leaf": randint(1, 10),
    "max_features": uniform(0.1, 0.9),
}
search = RandomizedSearchCV(RandomForestClassifier(n_jobs=-1, random_state=2021),
                            param_distributions=param_dist, n_iter=40, cv=4,
                            scoring="average_precision", random_state=2021)
search.fit(X_smt, y_smt)  # expect: leak

print("best params:", search.best_params_)
print("best AP:", round(search.best_score_, 4))
best_rf = search.best_estimator_
importances = pd.Series(best_rf.feature_importances_, index=X.columns).sort_values(ascending=False)
print(importances.head(10))
