# pattern: the same Utils.oversample @staticmethod as the leaky variant, called on the training split only after train_test_split; evaluation on the untouched test split (clean)
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import classification_report


class Utils:
    @staticmethod
    def oversample(X, y, seed=0):
        return RandomOverSampler(random_state=seed).fit_resample(X, y)


data = pd.get_dummies(pd.read_csv("bank-additional-full.csv", sep=";"), drop_first=True)
X = data.drop(columns=["y_yes"]).to_numpy()
y = data["y_yes"].to_numpy()

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
X_train, y_train = Utils.oversample(X_train, y_train)
print(np.bincount(y_train))

tree = DecisionTreeClassifier(max_depth=8).fit(X_train, y_train)
print(classification_report(y_test, tree.predict(X_test)))
