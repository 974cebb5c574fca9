# pattern: cross-file, reader side: reads the SMOTE table written by prep.py (same file name) and splits it with train_test_split (leak)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

data = pd.read_csv("../data/processed/creditcard_smote.csv")
X = data.drop(columns="Class")
y = data["Class"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)  # expect: leak
model = RandomForestClassifier(n_estimators=200, n_jobs=-1).fit(X_train, y_train)
print(classification_report(y_test, model.predict(X_test)))
