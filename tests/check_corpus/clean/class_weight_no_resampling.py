# pattern: imbalance handled with class_weight / scale_pos_weight instead of resampling; train_test_split, cross_val_score and XGBoost eval_set on raw rows (clean)
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from xgboost import XGBClassifier

df = pd.read_csv("creditcard.csv")
X, y = df.drop(columns="Class"), df["Class"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=0)
X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, stratify=y_train, test_size=0.2, random_state=0)

lr = LogisticRegression(max_iter=5000, class_weight="balanced")
print("LR CV AUC:", cross_val_score(lr, X_train, y_train, cv=5, scoring="roc_auc").mean())

spw = (y_tr == 0).sum() / (y_tr == 1).sum()
xgb = XGBClassifier(n_estimators=2000, scale_pos_weight=spw, eval_metric="aucpr", early_stopping_rounds=100)
xgb.fit(X_tr, y_tr, eval_set=[(X_val, y_val)], verbose=False)
print("test accuracy:", np.mean(xgb.predict(X_test) == y_test))
