# pattern: SMOTE once on the whole data, then a loop over candidate models each scored with cross_val_score on the resampled arrays (leak inside the loop)
import pandas as pd
import matplotlib.pyplot as plt
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import cross_val_score, StratifiedKFold
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier
from sklearn.ensemble import RandomForestClassifier, AdaBoostClassifier
from sklearn.naive_bayes import GaussianNB
from xgboost import XGBClassifier

df = pd.read_csv("stroke.csv").dropna()
df = pd.get_dummies(df.drop(columns="id"), drop_first=True)
X, y = df.drop("stroke", axis=1), df["stroke"]

X_smote, y_smote = SMOTE(random_state=0).fit_resample(X, y)

models = {
    "LogReg": LogisticRegression(max_iter=3000),
    "Tree": DecisionTreeClassifier(),
    "RF": RandomForestClassifier(),
    "Ada": AdaBoostClassifier(),
    "NB": GaussianNB(),
    "XGB": XGBClassifier(eval_metric="logloss"),
}
kfold = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
results = {}
for name, model in models.items():
    cv_results = cross_val_score(model, X_smote, y_smote, cv=kfold, scoring="recall")  # expect: leak
    results[name] = cv_results
    print("%s: %f (%f)" % (name, cv_results.mean(), cv_results.std()))

plt.boxplot(results.values(), labels=results.keys())
plt.title("Algorithm comparison (recall)")
plt.show()
