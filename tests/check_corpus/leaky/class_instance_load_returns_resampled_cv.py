# pattern: a class whose load() method returns RandomOverSampler output; the script does m = ChurnModel(); X, y = m.load(); m.evaluate(X, y) and evaluate passes its arguments to cross_val_score (leak, marked at the m.evaluate(X, y) call site)
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score


class ChurnModel:
    def __init__(self, csv="telco_churn.csv"):
        self.csv = csv
        self.model = LogisticRegression(max_iter=2000)

    def load(self):
        df = pd.read_csv(self.csv)
        df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce").fillna(0)
        df = pd.get_dummies(df.drop(columns=["customerID"]), drop_first=True)
        X = df.drop(columns=["Churn_Yes"])
        y = df["Churn_Yes"]
        ros = RandomOverSampler(random_state=0)
        X, y = ros.fit_resample(X, y)
        return X, y

    def evaluate(self, X, y):
        scores = cross_val_score(self.model, X, y, cv=10, scoring="roc_auc")
        print(f"ROC AUC {scores.mean():.4f} (+/- {scores.std() * 2:.4f})")
        return scores.mean()


m = ChurnModel()
X, y = m.load()
print(y.value_counts())
m.evaluate(X, y)  # expect: leak
