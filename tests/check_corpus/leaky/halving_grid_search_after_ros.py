# pattern: RandomOverSampler on all rows, then HalvingGridSearchCV(...).fit on the duplicated data (leak)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV
from sklearn.ensemble import GradientBoostingClassifier

train = pd.read_csv("porto_seguro_train.csv")
train = train.replace(-1, pd.NA).dropna(axis=1, thresh=int(0.9 * len(train))).dropna()
X = train.drop(columns=["id", "target"])
y = train["target"]
print(y.value_counts(normalize=True))

X_ros, y_ros = RandomOverSampler(sampling_strategy=0.5, random_state=7).fit_resample(X, y)

params = {
    "max_depth": [2, 3, 4, 5],
    "learning_rate": [0.03, 0.1, 0.3],
    "subsample": [0.6, 0.8, 1.0],
}
sh = HalvingGridSearchCV(GradientBoostingClassifier(random_state=7), params,
                         resource="n_estimators", max_resources=400,
                         factor=3, cv=3, scoring="roc_auc", verbose=1)
sh.fit(X_ros, y_ros)  # expect: leak
print(sh.best_params_, sh.best_score_)
