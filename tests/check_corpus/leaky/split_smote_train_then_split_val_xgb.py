# pattern: test set split off correctly, SMOTE on the train part, then the resampled train part is split again into train/valid for XGBoost early stopping (leak at the second split and at the eval_set fit)
import numpy as np
import pandas as pd
from xgboost import XGBClassifier
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report, roc_auc_score

df = pd.read_csv("bank_churners.csv")
df["Attrition_Flag"] = (df["Attrition_Flag"] == "Attrited Customer").astype(int)
df = pd.get_dummies(df.drop(columns=["CLIENTNUM"]), drop_first=True)
X, y = df.drop(columns="Attrition_Flag"), df["Attrition_Flag"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=10)

smote = SMOTE(random_state=10)
X_train_s, y_train_s = smote.fit_resample(X_train, y_train)

X_tr, X_valid, y_tr, y_valid = train_test_split(X_train_s, y_train_s, test_size=0.15, random_state=10)  # expect: leak

xgbc = XGBClassifier(n_estimators=3000, learning_rate=0.02, max_depth=5,
                     eval_metric="aucpr", early_stopping_rounds=100)
xgbc.fit(X_tr, y_tr, eval_set=[(X_valid, y_valid)], verbose=False)  # expect: leak
print("best ntree:", xgbc.best_iteration)

proba = xgbc.predict_proba(X_test)[:, 1]
print("test AUC:", roc_auc_score(y_test, proba))
print(classification_report(y_test, (proba > 0.5).astype(int)))
