# pattern: numpy index upsampling with np.random.choice(minority_idx, size, replace=True), X[idx] / y[idx], then train_test_split (leak)
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score

rng = np.random.default_rng(42)
X = np.load("ecg_features.npy")
y = np.load("ecg_labels.npy")          # 1 = arrhythmia
print("class balance:", np.bincount(y))

pos_idx = np.flatnonzero(y == 1)
neg_idx = np.flatnonzero(y == 0)
pos_boot = rng.choice(pos_idx, size=len(neg_idx), replace=True)
idx = np.concatenate([neg_idx, pos_boot])
rng.shuffle(idx)

X_up, y_up = X[idx], y[idx]

X_tr, X_te, y_tr, y_te = train_test_split(X_up, y_up, test_size=0.2, random_state=42)  # expect: leak
rf = RandomForestClassifier(n_estimators=300, n_jobs=-1).fit(X_tr, y_tr)
print("AP:", average_precision_score(y_te, rf.predict_proba(X_te)[:, 1]))
