# pattern: m = ChurnModel(); X, y = m.load(); m.evaluate(X, y) where load() returns the raw rows and evaluate() passes an imblearn Pipeline(RandomOverSampler, LogisticRegression) to cross_val_score (clean)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import Pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score


class ChurnModel:
    def __init__(self, csv="telco_churn.csv"):
        self.csv = csv
        self.model = Pipeline([
            ("ros", RandomOverSampler(random_state=0)),
            ("lr", LogisticRegression(max_iter=2000)),
        ])

    def load(self):
        df = pd.read_csv(self.csv)
        df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce").fillna(0)
        df = pd.get_dummies(df.drop(columns=["customerID"]), drop_first=True)
        return df.drop(columns=["Churn_Yes"]), df["Churn_Yes"]

    def evaluate(self, X, y):
        scores = cross_val_score(self.model, X, y, cv=10, scoring="roc_auc")
        print(f"ROC AUC {scores.mean():.4f}")
        return scores.mean()


m = ChurnModel()
X, y = m.load()
m.evaluate(X, y)
