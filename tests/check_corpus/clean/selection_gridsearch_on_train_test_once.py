# pattern: C and gamma chosen by GridSearchCV on the training part (inner CV), test recall reported once for the refitted best estimator (clean look-alike of the hand-written grid on the test part)
import pandas as pd
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.metrics import recall_score

df = pd.read_csv("breast-cancer-wisconsin.csv").dropna()
X = df.drop(columns=["id", "diagnosis"])
y = (df["diagnosis"] == "M").astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

grid = GridSearchCV(SVC(), {"C": [0.1, 1, 10, 100], "gamma": [1e-4, 1e-3, 1e-2, 1e-1]}, cv=5, scoring="recall")
grid.fit(X_train, y_train)
print("best params:", grid.best_params_)
print(f"Recall on the test set: {recall_score(y_test, grid.predict(X_test)):.3f}")
