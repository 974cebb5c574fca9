# pattern: majority cut with df.loc[df.Class == 0].sample(492), concatenated with the minority, then cross_val_score on the balanced frame: every test fold is 50/50 (leak at cross_val_score)
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("creditcard.csv")
df["Amount"] = (df["Amount"] - 88.35) / 250.1  # rough scaling, constants from the description
df = df.drop("Time", axis=1)

frauds = df.loc[df.Class == 1]
legit = df.loc[df.Class == 0].sample(492, random_state=0)
under = pd.concat([frauds, legit], axis=0)
print(under.Class.value_counts())

X_u = under.drop("Class", axis=1).values
y_u = under["Class"].values

classifiers = {
    "KNN": KNeighborsClassifier(),
    "SVC": SVC(),
    "Tree": DecisionTreeClassifier(),
}
for name, clf in classifiers.items():
    s = cross_val_score(clf, X_u, y_u, cv=5)  # expect: leak
    print(name, "has a training score of", round(s.mean(), 2) * 100, "% accuracy score")
