# pattern: XGBoost early-stopped with eval_set=[(X_test, y_test)] (the test part picks the number of trees), then the ROC AUC on that same X_test is reported (selection, marked on the score line)
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

df = pd.read_csv("santander_train.csv")
X = df.drop(columns=["ID_code", "target"])
y = df["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)

model = xgb.XGBClassifier(
    n_estimators=5000,
    learning_rate=0.02,
    max_depth=4,
    subsample=0.8,
    colsample_bytree=0.5,
    scale_pos_weight=(y_train == 0).sum() / (y_train == 1).sum(),
    early_stopping_rounds=200,
    eval_metric="auc",
)
model.fit(X_train, y_train, eval_set=[(X_test, y_test)], verbose=500)
print("best iteration:", model.best_iteration)

test_pred = model.predict_proba(X_test)[:, 1]
print("Test ROC AUC: %.5f" % roc_auc_score(y_test, test_pred))  # expect: selection
