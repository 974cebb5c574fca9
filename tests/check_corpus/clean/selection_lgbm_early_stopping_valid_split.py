# pattern: LightGBM with callbacks=[lgb.early_stopping(100)] on eval_set=[(X_valid, y_valid)] carved out of the training part; the held-out test part is scored once (clean)
import lightgbm as lgb
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

df = pd.read_parquet("transactions_features.parquet")
y = df.pop("is_fraud")
X_full, X_test, y_full, y_test = train_test_split(df, y, test_size=0.2, stratify=y, random_state=0)
X_train, X_valid, y_train, y_valid = train_test_split(X_full, y_full, test_size=0.2, stratify=y_full, random_state=0)

clf = lgb.LGBMClassifier(n_estimators=10000, learning_rate=0.03, num_leaves=63, is_unbalance=True)
clf.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], callbacks=[lgb.early_stopping(100), lgb.log_evaluation(200)])

print("F1 on test:", f1_score(y_test, clf.predict(X_test)))
