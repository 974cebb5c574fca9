# pattern: cross-file look-alike, reader side: reads the cleaned raw table, train_test_split first, SMOTE on the training part only (clean)
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

data = pd.read_csv("../data/processed/creditcard_clean.csv")
X = data.drop(columns="Class")
y = data["Class"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X_train, y_train = SMOTE(random_state=0).fit_resample(X_train, y_train)
model = RandomForestClassifier(n_estimators=200, n_jobs=-1).fit(X_train, y_train)
print(classification_report(y_test, model.predict(X_test)))
