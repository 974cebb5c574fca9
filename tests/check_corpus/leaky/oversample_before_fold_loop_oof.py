# pattern: Kaggle-style OOF loop: RandomOverSampler on the whole train set BEFORE the StratifiedKFold loop, LightGBM early-stopped on the oversampled fold (leak at the split loop and at the eval_set fit)
import numpy as np
import pandas as pd
import lightgbm as lgb
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score

N_FOLDS = 5
SEED = 2022

train = pd.read_csv("../input/tabular-playground/train.csv")
test = pd.read_csv("../input/tabular-playground/test.csv")
FEATURES = [c for c in train.columns if c.startswith("f_")]

X = train[FEATURES]
y = train["target"]
X_os, y_os = RandomOverSampler(random_state=SEED).fit_resample(X, y)
X_os = X_os.reset_index(drop=True)
y_os = y_os.reset_index(drop=True)

oof = np.zeros(len(X_os))
test_preds = np.zeros(len(test))
skf = StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=SEED)
for fold, (tr_idx, va_idx) in enumerate(skf.split(X_os, y_os)):  # expect: leak
    X_tr, y_tr = X_os.iloc[tr_idx], y_os.iloc[tr_idx]
    X_va, y_va = X_os.iloc[va_idx], y_os.iloc[va_idx]

    model = lgb.LGBMClassifier(n_estimators=10000, learning_rate=0.02, num_leaves=31, random_state=SEED)
    model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], callbacks=[lgb.early_stopping(300, verbose=False)])  # expect: leak

    oof[va_idx] = model.predict_proba(X_va)[:, 1]
    test_preds += model.predict_proba(test[FEATURES])[:, 1] / N_FOLDS
    print(f"Fold {fold}: AUC = {roc_auc_score(y_va, oof[va_idx]):.5f}")

print(f"OOF AUC = {roc_auc_score(y_os, oof):.5f}")
pd.DataFrame({"id": test["id"], "target": test_preds}).to_csv("submission.csv", index=False)
