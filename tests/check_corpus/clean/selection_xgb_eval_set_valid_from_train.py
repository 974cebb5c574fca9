# pattern: look-alike of XGBoost early stopping on the test part: a validation part is split off the TRAINING part and used as eval_set with early_stopping_rounds; the test part is scored once at the end (clean)
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

df = pd.read_csv("santander_train.csv")
X = df.drop(columns=["ID_code", "target"])
y = df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.15, stratify=y_train, random_state=42)

model = xgb.XGBClassifier(n_estimators=5000, learning_rate=0.02, max_depth=4, early_stopping_rounds=200, eval_metric="auc")
model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)], verbose=500)
print("best iteration:", model.best_iteration)

print("Test ROC AUC: %.5f" % roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
