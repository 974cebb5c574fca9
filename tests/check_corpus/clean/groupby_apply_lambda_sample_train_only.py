# pattern: train_df.groupby("y", group_keys=False).apply(lambda g: g.sample(1000, replace=True)) balances the training frame only, after train_test_split; the test frame is untouched (clean)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score

df = pd.read_csv("bank.csv", sep=";")
df["y"] = (df["y"] == "yes").astype(int)
df = pd.get_dummies(df, drop_first=True)

train_df, test_df = train_test_split(df, stratify=df["y"], random_state=1)
train_bal = train_df.groupby("y", group_keys=False).apply(lambda g: g.sample(1000, replace=True, random_state=1))
print(train_bal["y"].value_counts())

hgb = HistGradientBoostingClassifier(early_stopping=False)
hgb.fit(train_bal.drop(columns="y"), train_bal["y"])
print("f1", f1_score(test_df["y"], hgb.predict(test_df.drop(columns="y"))))
