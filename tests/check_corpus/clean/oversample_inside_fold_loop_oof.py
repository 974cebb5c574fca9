# pattern: Kaggle-style OOF loop over the raw train set; RandomOverSampler applied to the training fold inside the loop; LightGBM eval_set is the untouched validation fold (clean)
import numpy as np
import pandas as pd
import lightgbm as lgb
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score

N_FOLDS, SEED = 5, 2022
train = pd.read_csv("../input/tabular-playground/train.csv")
test = pd.read_csv("../input/tabular-playground/test.csv")
FEATURES = [c for c in train.columns if c.startswith("f_")]
X, y = train[FEATURES], train["target"]

oof = np.zeros(len(train))
test_preds = np.zeros(len(test))
skf = StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=SEED)
for fold, (tr_idx, va_idx) in enumerate(skf.split(X, y)):
    X_tr, y_tr = X.iloc[tr_idx], y.iloc[tr_idx]
    X_va, y_va = X.iloc[va_idx], y.iloc[va_idx]
    X_tr, y_tr = RandomOverSampler(random_state=SEED).fit_resample(X_tr, y_tr)

    model = lgb.LGBMClassifier(n_estimators=10000, learning_rate=0.02, random_state=SEED)
    model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], callbacks=[lgb.early_stopping(300, verbose=False)])
    oof[va_idx] = model.predict_proba(X_va)[:, 1]
    test_preds += model.predict_proba(test[FEATURES])[:, 1] / N_FOLDS
    print(f"Fold {fold}: AUC = {roc_auc_score(y_va, oof[va_idx]):.5f}")

print(f"OOF AUC = {roc_auc_score(y, oof):.5f}")
pd.DataFrame({"id": test["id"], "target": test_preds}).to_csv("submission.csv", index=False)
