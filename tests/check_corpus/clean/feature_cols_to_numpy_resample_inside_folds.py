# pattern: raw[feature_cols].to_numpy() and list(skf.split(...)) over the original rows; SMOTE applied to each training fold only (clean)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import StratifiedKFold
from sklearn.ensemble import AdaBoostClassifier
from sklearn.metrics import roc_auc_score

raw = pd.read_csv("water_potability_rare.csv").dropna()
feature_cols = ["ph", "Hardness", "Solids", "Chloramines", "Sulfate",
                "Conductivity", "Organic_carbon", "Trihalomethanes", "Turbidity"]
X_np = raw[feature_cols].to_numpy()
y_np = raw["Potability"].to_numpy()

folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=8).split(X_np, y_np))
aucs = []
for fold_no, (a, b) in enumerate(folds):
    Xa, ya = SMOTE(random_state=8).fit_resample(X_np[a], y_np[a])
    ada = AdaBoostClassifier(n_estimators=300, learning_rate=0.5).fit(Xa, ya)
    aucs.append(roc_auc_score(y_np[b], ada.predict_proba(X_np[b])[:, 1]))
print("CV AUC", np.mean(aucs))
