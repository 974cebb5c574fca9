# pattern: train/valid split made on the raw data, SMOTE only on the train part, XGBoost early stopping with eval_set on the untouched valid part (clean)
import pandas as pd
import xgboost as xgb
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

df = pd.read_csv("ieee_fraud_train_sample.csv")
df = df.select_dtypes("number").fillna(-999)
y = df.pop("isFraud")
X = df.drop(columns=["TransactionID"])

X_tr, X_val, y_tr, y_val = train_test_split(X, y, test_size=0.2, stratify=y, random_state=1)
X_tr_sm, y_tr_sm = SMOTE(random_state=1).fit_resample(X_tr, y_tr)

model = xgb.XGBClassifier(n_estimators=2000, learning_rate=0.05, max_depth=8,
                          tree_method="hist", eval_metric="auc", early_stopping_rounds=100)
model.fit(X_tr_sm, y_tr_sm, eval_set=[(X_val, y_val)], verbose=200)
print("best iteration:", model.best_iteration)
model.save_model("xgb_fraud.json")
