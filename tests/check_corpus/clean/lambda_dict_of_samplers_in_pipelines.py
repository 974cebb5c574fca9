# pattern: a dict of lambdas building sampler objects; each sampler is put into an imblearn Pipeline and the pipeline (not resampled data) goes to cross_val_score on the raw rows (clean)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler, SMOTE, ADASYN
from imblearn.under_sampling import RandomUnderSampler
from imblearn.pipeline import Pipeline
from sklearn.model_selection import cross_val_score
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("ozone_level.csv").dropna()
X, y = df.drop(columns=["ozone_day"]), df["ozone_day"]

make_sampler = {
    "ros": lambda: RandomOverSampler(random_state=1),
    "smote": lambda: SMOTE(random_state=1),
    "adasyn": lambda: ADASYN(random_state=1),
    "rus": lambda: RandomUnderSampler(random_state=1),
}
for name, make in make_sampler.items():
    pipe = Pipeline([("sampler", make()), ("rf", RandomForestClassifier(n_estimators=150))])
    sc = cross_val_score(pipe, X, y, cv=5, scoring="f1")
    print(f"{name:8s} f1={sc.mean():.3f}")
