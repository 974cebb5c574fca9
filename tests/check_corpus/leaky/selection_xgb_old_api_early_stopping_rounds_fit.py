# pattern: older XGBoost API, fit(..., early_stopping_rounds=10, eval_set=[(X_test, y_test)]) stops on the test part, then accuracy_score on the same test part is reported (selection, marked on the score line)
from xgboost import XGBClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score
import pandas as pd

dataset = pd.read_csv("pima-indians-diabetes.csv", header=None)
X = dataset.iloc[:, 0:8]
Y = dataset.iloc[:, 8]
X_train, X_test, y_train, y_test = train_test_split(X, Y, test_size=0.33, random_state=7)

model = XGBClassifier()
eval_set = [(X_test, y_test)]
model.fit(X_train, y_train, early_stopping_rounds=10, eval_metric="logloss", eval_set=eval_set, verbose=True)

y_pred = model.predict(X_test)
predictions = [round(value) for value in y_pred]
accuracy = accuracy_score(y_test, predictions)  # expect: selection
print("Accuracy: %.2f%%" % (accuracy * 100.0))
