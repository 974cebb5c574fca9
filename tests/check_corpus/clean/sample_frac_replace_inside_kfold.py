# pattern: KFold.split loop over the original frame; minority rows of each training fold tripled with .sample(frac=3, replace=True) inside the loop (clean)
import pandas as pd
from sklearn.model_selection import KFold
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_recall_fscore_support

df = pd.read_csv("WA_Fn-UseC_-HR-Employee-Attrition.csv")
df["Attrition"] = df["Attrition"].map({"Yes": 1, "No": 0})
df = df.drop(columns=["EmployeeCount", "Over18", "StandardHours", "EmployeeNumber"])
df = pd.get_dummies(df, drop_first=True)

kf = KFold(n_splits=5, shuffle=True, random_state=11)
rows = []
for i, (train_index, test_index) in enumerate(kf.split(df)):
    fold_train = df.iloc[train_index]
    fold_test = df.iloc[test_index]
    pos = fold_train[fold_train.Attrition == 1]
    fold_train = pd.concat([fold_train, pos.sample(frac=3, replace=True, random_state=i)])

    rf = RandomForestClassifier(n_estimators=250, random_state=i)
    rf.fit(fold_train.drop(columns="Attrition"), fold_train["Attrition"])
    p, r, f, _ = precision_recall_fscore_support(
        fold_test["Attrition"], rf.predict(fold_test.drop(columns="Attrition")), average="binary")
    rows.append({"fold": i, "precision": p, "recall": r, "f1": f})

print(pd.DataFrame(rows).mean())
