# pattern: SimpleImputer(strategy="median").fit_transform on the full numeric frame, then train_test_split (preprocessing fitted before the split)
import pandas as pd
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

df = pd.read_csv("healthcare-dataset-stroke-data.csv")
print(df.isnull().sum())

num_cols = ["age", "avg_glucose_level", "bmi"]
imputer = SimpleImputer(missing_values=np.nan, strategy="median")
df[num_cols] = imputer.fit_transform(df[num_cols])

df = pd.get_dummies(df.drop(columns="id"), drop_first=True)
X = df.drop(columns="stroke")
y = df["stroke"]

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=1)  # expect: preprocessing
rf = RandomForestClassifier(n_estimators=300, class_weight="balanced_subsample", random_state=1)
rf.fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1]))
