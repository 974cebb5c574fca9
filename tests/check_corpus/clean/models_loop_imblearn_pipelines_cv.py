# pattern: loop over candidate models, each wrapped in an imblearn Pipeline with SMOTE and scored with cross_val_score on the raw data (clean)
import pandas as pd
import matplotlib.pyplot as plt
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.model_selection import cross_val_score, StratifiedKFold
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.naive_bayes import GaussianNB

df = pd.read_csv("stroke.csv").dropna()
df = pd.get_dummies(df.drop(columns="id"), drop_first=True)
X, y = df.drop("stroke", axis=1), df["stroke"]

models = {"LogReg": LogisticRegression(max_iter=3000), "Tree": DecisionTreeClassifier(),
          "RF": RandomForestClassifier(), "NB": GaussianNB()}
kfold = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
results = {}
for name, model in models.items():
    pipe = Pipeline([("smote", SMOTE(random_state=0)), ("clf", model)])
    results[name] = cross_val_score(pipe, X, y, cv=kfold, scoring="recall")
    print("%s: %f (%f)" % (name, results[name].mean(), results[name].std()))

plt.boxplot(results.values(), labels=results.keys())
plt.show()
