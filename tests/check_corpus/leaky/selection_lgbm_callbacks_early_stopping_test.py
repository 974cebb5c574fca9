# pattern: LightGBM sklearn API with eval_set=[(X_test, y_test)] and callbacks=[lgb.early_stopping(100)]: the test part picks the iteration; F1 on X_test is then printed (selection, marked on the score line)
import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score, classification_report

df = pd.read_parquet("transactions_features.parquet")
y = df.pop("is_fraud")
X = df
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

clf = lgb.LGBMClassifier(n_estimators=10000, learning_rate=0.03, num_leaves=63, is_unbalance=True)
clf.fit(
    X_train,
    y_train,
    eval_set=[(X_test, y_test)],
    eval_metric="binary_logloss",
    callbacks=[lgb.early_stopping(100), lgb.log_evaluation(200)],
)

proba = clf.predict_proba(X_test)[:, 1]
pred = (proba > 0.5).astype(int)
print("F1 on test:", f1_score(y_test, pred))  # expect: selection
# print(classification_report(y_test, pred))
