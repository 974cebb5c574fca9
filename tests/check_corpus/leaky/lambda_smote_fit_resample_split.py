# pattern: resampling through a lambda, bal = lambda a, b: SMOTE().fit_resample(a, b), applied to all rows, then train_test_split (leak at the split)
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

bal = lambda a, b: SMOTE(random_state=0).fit_resample(a, b)  # noqa: E731

df = pd.read_csv("diabetes_012_health_indicators.csv")
X = df.drop(columns=["Diabetes_012"])
y = (df["Diabetes_012"] == 2).astype(int)

Xb, yb = bal(X, y)
X_train, X_test, y_train, y_test = train_test_split(Xb, yb, test_size=0.2, random_state=0)  # expect: leak
gb = GradientBoostingClassifier().fit(X_train, y_train)
print("AUC", roc_auc_score(y_test, gb.predict_proba(X_test)[:, 1]))
