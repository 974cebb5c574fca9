# pattern: FraudModel class; balance() stores SMOTE output on self.X_res / self.y_res and evaluate() runs cross_val_score on those attributes: synthetic neighbours cross the CV folds (leak at the cross_val_score line inside evaluate)
import pandas as pd
import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score, StratifiedKFold


class FraudModel:
    """Small wrapper I use for the fraud homework."""

    def __init__(self, path, seed=42):
        self.path = path
        self.seed = seed
        self.clf = RandomForestClassifier(n_estimators=200, random_state=seed, n_jobs=-1)

    def load(self):
        df = pd.read_csv(self.path)
        df = df.drop(columns=["Time"])
        self.X = df.drop(columns=["Class"]).values
        self.y = df["Class"].values
        print("loaded", self.X.shape, "fraud rate", self.y.mean())

    def balance(self):
        sm = SMOTE(random_state=self.seed)
        self.X_res, self.y_res = sm.fit_resample(self.X, self.y)
        print("after SMOTE:", np.bincount(self.y_res))

    def evaluate(self):
        cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=self.seed)
        scores = cross_val_score(self.clf, self.X_res, self.y_res, cv=cv, scoring="f1")  # expect: leak
        print("F1 per fold:", np.round(scores, 3))
        print("mean F1: %.3f +- %.3f" % (scores.mean(), scores.std()))
        return scores

    # def plot(self):
    #     import matplotlib.pyplot as plt
    #     plt.bar(["0", "1"], np.bincount(self.y_res))


if __name__ == "__main__":
    fm = FraudModel("data/creditcard.csv")
    fm.load()
    fm.balance()
    fm.evaluate()
