# pattern: majority class shuffled and cut with .head(n_minority), concatenated with the minority, then a StratifiedKFold.split loop over the balanced frame: every validation fold is balanced (leak at the for line)
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score

train = pd.read_csv("application_train.csv")
train = train.select_dtypes("number").fillna(-999)

pos = train[train.TARGET == 1]
neg = train[train.TARGET == 0].sample(frac=1, random_state=11).head(len(pos))
small = pd.concat([pos, neg]).reset_index(drop=True)
feats = [c for c in small.columns if c not in ("TARGET", "SK_ID_CURR")]

oof = np.zeros(len(small))
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=11)
for trn_idx, val_idx in skf.split(small[feats], small["TARGET"]):  # expect: leak
    clf = lgb.LGBMClassifier(n_estimators=400, learning_rate=0.05, num_leaves=31)
    clf.fit(small.loc[trn_idx, feats], small.loc[trn_idx, "TARGET"])
    oof[val_idx] = clf.predict_proba(small.loc[val_idx, feats])[:, 1]

print("OOF AUC:", roc_auc_score(small["TARGET"], oof))
