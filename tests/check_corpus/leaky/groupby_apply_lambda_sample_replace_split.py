# pattern: df.groupby("y", group_keys=False).apply(lambda g: g.sample(1000, replace=True)) balances every class on the whole frame, then train_test_split (leak at the split)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score

df = pd.read_csv("bank.csv", sep=";")
df["y"] = (df["y"] == "yes").astype(int)
df = pd.get_dummies(df, drop_first=True)
print(df["y"].value_counts())

df_bal = df.groupby("y", group_keys=False).apply(lambda g: g.sample(1000, replace=True, random_state=1))
print(df_bal["y"].value_counts())

X = df_bal.drop(columns="y")
y = df_bal["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)  # expect: leak
hgb = HistGradientBoostingClassifier(early_stopping=False).fit(X_train, y_train)
print("f1", f1_score(y_test, hgb.predict(X_test)))
