# pattern: sklearn.utils.shuffle(X, y), np.random.permutation and df.sample(frac=1) shuffles before train_test_split and cross_val_score: rows are reordered, none is repeated or dropped (clean)
import numpy as np
import pandas as pd
from sklearn.utils import shuffle
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("spam_features.csv")
df = df.sample(frac=1, random_state=0).reset_index(drop=True)
X = df.drop(columns="spam").values
y = df["spam"].values

X, y = shuffle(X, y, random_state=0)
perm = np.random.permutation(len(y))
X, y = X[perm], y[perm]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
print(cross_val_score(LogisticRegression(max_iter=3000), X_train, y_train, cv=5).mean())
print(LogisticRegression(max_iter=3000).fit(X_train, y_train).score(X_test, y_test))
