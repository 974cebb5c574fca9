# pattern: balanced DataFrame from resample + concat, features taken with df_bal.drop("target", axis=1).values and df_bal["target"].values, then train_test_split (leak)
import pandas as pd
import numpy as np
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC
from sklearn.metrics import classification_report

df = pd.read_csv("heart.csv")
df = pd.get_dummies(df, columns=["cp", "thal", "slope"])
print(df.target.value_counts())

frames = []
n_max = df.target.value_counts().max()
for label, grp in df.groupby("target"):
    frames.append(resample(grp, replace=True, n_samples=n_max, random_state=label))
df_bal = pd.concat(frames)

X = df_bal.drop("target", axis=1).values
y = df_bal["target"].values
print(X.shape, np.bincount(y))

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=4)  # expect: leak
svm = LinearSVC(C=0.1, max_iter=20000)
svm.fit(X_train, y_train)
print(classification_report(y_test, svm.predict(X_test)))
