# pattern: SMOTE on all rows, split into train/valid, XGBoost early stopping with eval_set on the synthetic-contaminated valid part (leak at the split and at the eval_set fit); the AUC then reported on that early-stopping part is also a selection finding
import pandas as pd
import xgboost as xgb
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, average_precision_score

df = pd.read_csv("ieee_fraud_train_sample.csv")
df = df.select_dtypes("number").fillna(-999)
y = df.pop("isFraud")
X = df.drop(columns=["TransactionID"])

X_sm, y_sm = SMOTE(random_state=1).fit_resample(X, y)

X_tr, X_val, y_tr, y_val = train_test_split(X_sm, y_sm, test_size=0.2, stratify=y_sm, random_state=1)  # expect: leak

model = xgb.XGBClassifier(
    n_estimators=2000,
    learning_rate=0.05,
    max_depth=8,
    subsample=0.8,
    colsample_bytree=0.7,
    tree_method="hist",
    eval_metric="auc",
    early_stopping_rounds=100,
)
model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)], verbose=200)  # expect: leak
print("best iteration:", model.best_iteration)

p = model.predict_proba(X_val)[:, 1]
print("valid AUC", roc_auc_score(y_val, p), "AP", average_precision_score(y_val, p))  # expect: selection
model.save_model("xgb_fraud.json")
