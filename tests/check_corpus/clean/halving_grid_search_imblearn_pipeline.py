# pattern: HalvingGridSearchCV over an imblearn Pipeline(RandomOverSampler, GBC) fitted on the raw data (clean)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import Pipeline
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV
from sklearn.ensemble import GradientBoostingClassifier

train = pd.read_csv("porto_seguro_train.csv")
train = train.replace(-1, pd.NA).dropna(axis=1, thresh=int(0.9 * len(train))).dropna()
X = train.drop(columns=["id", "target"])
y = train["target"]

pipe = Pipeline([("ros", RandomOverSampler(sampling_strategy=0.5, random_state=7)),
                 ("gbc", GradientBoostingClassifier(random_state=7))])
params = {
    "gbc__max_depth": [2, 3, 4, 5],
    "gbc__learning_rate": [0.03, 0.1, 0.3],
    "gbc__subsample": [0.6, 0.8, 1.0],
}
sh = HalvingGridSearchCV(pipe, params, factor=3, cv=3, scoring="roc_auc", verbose=1)
sh.fit(X, y)
print(sh.best_params_, sh.best_score_)
