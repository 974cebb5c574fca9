# pattern: numpy index upsampling with np.random.choice(..., replace=True) on the training indices only, after train_test_split (clean)
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score

rng = np.random.default_rng(42)
X = np.load("ecg_features.npy")
y = np.load("ecg_labels.npy")
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)

pos_idx = np.flatnonzero(y_tr == 1)
neg_idx = np.flatnonzero(y_tr == 0)
idx = np.concatenate([neg_idx, rng.choice(pos_idx, size=len(neg_idx), replace=True)])
rng.shuffle(idx)

rf = RandomForestClassifier(n_estimators=300, n_jobs=-1).fit(X_tr[idx], y_tr[idx])
print("AP:", average_precision_score(y_te, rf.predict_proba(X_te)[:, 1]))
