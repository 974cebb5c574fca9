# pattern: SMOTE output rebuilt as a DataFrame, df_bal[feature_cols].to_numpy(), folds materialised with list(skf.split(...)) and iterated (leak at the split)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import StratifiedKFold
from sklearn.ensemble import AdaBoostClassifier
from sklearn.metrics import roc_auc_score

raw = pd.read_csv("water_potability_rare.csv").dropna()
feature_cols = ["ph", "Hardness", "Solids", "Chloramines", "Sulfate",
                "Conductivity", "Organic_carbon", "Trihalomethanes", "Turbidity"]

Xs, ys = SMOTE(random_state=8).fit_resample(raw[feature_cols], raw["Potability"])
df_bal = pd.concat([Xs, ys], axis=1)

X_np = df_bal[feature_cols].to_numpy()
y_np = df_bal["Potability"].to_numpy()

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=8)
folds = list(skf.split(X_np, y_np))  # expect: leak

aucs = []
for fold_no, (a, b) in enumerate(folds):
    ada = AdaBoostClassifier(n_estimators=300, learning_rate=0.5)
    ada.fit(X_np[a], y_np[a])
    aucs.append(roc_auc_score(y_np[b], ada.predict_proba(X_np[b])[:, 1]))
    print("fold", fold_no, round(aucs[-1], 4))
print("CV AUC", np.mean(aucs))
