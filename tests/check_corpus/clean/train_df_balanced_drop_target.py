# pattern: frame split into train_df/test_df first; train_df balanced per class with resample + pd.concat; features via .drop("target", axis=1).values (clean)
import numpy as np
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC
from sklearn.metrics import classification_report

df = pd.read_csv("heart.csv")
df = pd.get_dummies(df, columns=["cp", "thal", "slope"])
train_df, test_df = train_test_split(df, test_size=0.2, stratify=df["target"], random_state=4)

n_max = train_df.target.value_counts().max()
df_bal = pd.concat([resample(g, replace=True, n_samples=n_max, random_state=4)
                    for _, g in train_df.groupby("target")])

X_train = df_bal.drop("target", axis=1).values
y_train = df_bal["target"].values
X_test = test_df.drop("target", axis=1).values
y_test = test_df["target"].values
print(np.bincount(y_train), np.bincount(y_test))

svm = LinearSVC(C=0.1, max_iter=20000).fit(X_train, y_train)
print(classification_report(y_test, svm.predict(X_test)))
