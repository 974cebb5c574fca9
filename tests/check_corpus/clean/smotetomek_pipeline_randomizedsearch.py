# pattern: SMOTETomek inside an imblearn Pipeline tuned by RandomizedSearchCV on the raw training split, then scored on a held-out test set (clean)
import pandas as pd
from scipy.stats import randint, uniform
from imblearn.combine import SMOTETomek
from imblearn.pipeline import Pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import RandomizedSearchCV, train_test_split
from sklearn.metrics import average_precision_score

df = pd.read_csv("machine_failure.csv").drop(columns=["UDI", "Product ID"])
df = pd.get_dummies(df, columns=["Type"])
y = df.pop("Machine failure")
X = df
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=2021)

pipe = Pipeline([("smt", SMOTETomek(random_state=2021)),
                 ("rf", RandomForestClassifier(n_jobs=-1, random_state=2021))])
param_dist = {
    "rf__n_estimators": randint(100, 800),
    "rf__max_depth": randint(3, 30),
    "rf__min_samples_leaf": randint(1, 10),
    "rf__max_features": uniform(0.1, 0.9),
}
search = RandomizedSearchCV(pipe, param_distributions=param_dist, n_iter=40, cv=4,
                            scoring="average_precision", random_state=2021)
search.fit(X_train, y_train)
print("best params:", search.best_params_)
print("test AP:", average_precision_score(y_test, search.predict_proba(X_test)[:, 1]))
