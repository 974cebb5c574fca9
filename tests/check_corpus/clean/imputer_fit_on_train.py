# pattern: SimpleImputer fitted on the training split only, then applied to the test split (clean)
import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

df = pd.read_csv("healthcare-dataset-stroke-data.csv")
df = pd.get_dummies(df.drop(columns="id"), drop_first=True)
X, y = df.drop(columns="stroke"), df["stroke"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=1)

num_cols = ["age", "avg_glucose_level", "bmi"]
imputer = SimpleImputer(missing_values=np.nan, strategy="median")
X_train[num_cols] = imputer.fit_transform(X_train[num_cols])
X_test[num_cols] = imputer.transform(X_test[num_cols])

rf = RandomForestClassifier(n_estimators=300, class_weight="balanced_subsample", random_state=1).fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1]))
