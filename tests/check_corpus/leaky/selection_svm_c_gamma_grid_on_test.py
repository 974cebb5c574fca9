# pattern: hand-written grid over C and gamma, each SVC scored on the test part, the best pair kept, the model refitted and its test recall reported (selection, marked on the final score line)
import itertools
import pandas as pd
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import recall_score

df = pd.read_csv("breast-cancer-wisconsin.csv").dropna()
X = df.drop(columns=["id", "diagnosis"])
y = (df["diagnosis"] == "M").astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

best = None
for C, gamma in itertools.product([0.1, 1, 10, 100], [1e-4, 1e-3, 1e-2, 1e-1]):
    svc = SVC(C=C, gamma=gamma).fit(X_train, y_train)
    r = recall_score(y_test, svc.predict(X_test))
    if best is None or r > best[0]:
        best = (r, C, gamma)
print("best params:", best[1:])

final = SVC(C=best[1], gamma=best[2]).fit(X_train, y_train)
test_recall = recall_score(y_test, final.predict(X_test))  # expect: selection
print(f"Recall on the test set: {test_recall:.3f}")
