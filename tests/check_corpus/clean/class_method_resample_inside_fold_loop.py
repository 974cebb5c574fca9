# pattern: FraudModel class look-alike: load() stores the raw rows on self, evaluate() loops over StratifiedKFold.split(self.X, self.y) and applies SMOTE to the training fold only inside the loop (clean)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import f1_score


class FraudModel:
    def __init__(self, path, seed=42):
        self.path = path
        self.seed = seed

    def load(self):
        df = pd.read_csv(self.path).drop(columns=["Time"])
        self.X = df.drop(columns=["Class"]).values
        self.y = df["Class"].values

    def evaluate(self):
        cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=self.seed)
        scores = []
        for tr, te in cv.split(self.X, self.y):
            X_tr, y_tr = SMOTE(random_state=self.seed).fit_resample(self.X[tr], self.y[tr])
            clf = RandomForestClassifier(n_estimators=200, n_jobs=-1).fit(X_tr, y_tr)
            scores.append(f1_score(self.y[te], clf.predict(self.X[te])))
        print("F1 per fold:", np.round(scores, 3))
        return float(np.mean(scores))


if __name__ == "__main__":
    fm = FraudModel("data/creditcard.csv")
    fm.load()
    print(fm.evaluate())
