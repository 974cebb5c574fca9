# pattern: minority rows tripled with .sample(frac=3, replace=True), concatenated, then a KFold.split loop over the balanced frame (leak)
import pandas as pd
from sklearn.model_selection import KFold
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_recall_fscore_support

df = pd.read_csv("WA_Fn-UseC_-HR-Employee-Attrition.csv")
df["Attrition"] = df["Attrition"].map({"Yes": 1, "No": 0})
df = df.drop(columns=["EmployeeCount", "Over18", "StandardHours", "EmployeeNumber"])
df = pd.get_dummies(df, drop_first=True)

pos = df[df.Attrition == 1]
neg = df[df.Attrition == 0]
pos_up = pos.sample(frac=3, replace=True, random_state=11)
balanced = pd.concat([neg, pos, pos_up]).sample(frac=1, random_state=11).reset_index(drop=True)
print(balanced.Attrition.value_counts())

features = balanced.drop(columns=["Attrition"])
target = balanced["Attrition"]

kf = KFold(n_splits=5, shuffle=True, random_state=11)
rows = []
for i, (train_index, test_index) in enumerate(kf.split(features)):  # expect: leak
    rf = RandomForestClassifier(n_estimators=250, random_state=i)
    rf.fit(features.iloc[train_index], target.iloc[train_index])
    p, r, f, _ = precision_recall_fscore_support(
        target.iloc[test_index], rf.predict(features.iloc[test_index]), average="binary")
    rows.append({"fold": i, "precision": p, "recall": r, "f1": f})

report = pd.DataFrame(rows)
print(report)
print(report.mean())
