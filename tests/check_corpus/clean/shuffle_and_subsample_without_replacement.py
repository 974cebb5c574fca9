# pattern: df.sample(frac=1) shuffle and df.sample(frac=0.2) uniform subsample WITHOUT replacement before the split: no oversampling, class ratio unchanged (clean)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score

df = pd.read_csv("paysim_transactions.csv")
df = df.sample(frac=1, random_state=0).reset_index(drop=True)    # shuffle
df = df.sample(frac=0.2, random_state=0)                          # 20% of the rows to iterate faster
df = pd.get_dummies(df.drop(columns=["nameOrig", "nameDest"]), columns=["type"])
print(df.isFraud.value_counts(normalize=True))

X, y = df.drop(columns=["isFraud", "isFlaggedFraud"]), df["isFraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.25, random_state=0)
rf = RandomForestClassifier(n_estimators=200, class_weight="balanced", n_jobs=-1).fit(X_train, y_train)
print("AP:", average_precision_score(y_test, rf.predict_proba(X_test)[:, 1]))
