# pattern: a dict of lambdas wrapping different samplers (ROS, SMOTE, ADASYN, RUS); each is applied to all rows in a loop and the output goes to cross_val_score (leak at cross_val_score inside the loop)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler, SMOTE, ADASYN
from imblearn.under_sampling import RandomUnderSampler
from sklearn.model_selection import cross_val_score
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("ozone_level.csv").dropna()
X, y = df.drop(columns=["ozone_day"]), df["ozone_day"]

samplers = {
    "ros": lambda X, y: RandomOverSampler(random_state=1).fit_resample(X, y),
    "smote": lambda X, y: SMOTE(random_state=1).fit_resample(X, y),
    "adasyn": lambda X, y: ADASYN(random_state=1).fit_resample(X, y),
    "rus": lambda X, y: RandomUnderSampler(random_state=1).fit_resample(X, y),
}

results = {}
for name, fn in samplers.items():
    X_s, y_s = fn(X, y)
    sc = cross_val_score(RandomForestClassifier(n_estimators=150), X_s, y_s, cv=5, scoring="f1")  # expect: leak
    results[name] = sc.mean()
    print(f"{name:8s} f1={sc.mean():.3f}")

print(pd.Series(results).sort_values(ascending=False))
