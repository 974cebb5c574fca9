# pattern: DataPrep instance resamples in its run() method and keeps X_bal / y_bal as attributes; the script reads prep.X_bal, prep.y_bal from outside the class and passes them to GridSearchCV.fit (leak at the search fit)
import pandas as pd
from imblearn.over_sampling import BorderlineSMOTE
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import GridSearchCV


class DataPrep:
    def __init__(self, path):
        self.df = pd.read_csv(path)
        self.X_bal = None
        self.y_bal = None

    def run(self):
        df = self.df.dropna()
        X = df.drop(columns=["default"])
        y = df["default"]
        self.X_bal, self.y_bal = BorderlineSMOTE(random_state=3).fit_resample(X, y)
        return self


prep = DataPrep("credit_default.csv").run()
print(prep.y_bal.value_counts(normalize=True))

params = {"n_estimators": [100, 300], "max_depth": [2, 3, 4], "learning_rate": [0.05, 0.1]}
gs = GridSearchCV(GradientBoostingClassifier(), params, cv=4, scoring="roc_auc", n_jobs=-1)
gs.fit(prep.X_bal, prep.y_bal)  # expect: leak
print(gs.best_params_, gs.best_score_)
