# pattern: weighted duplication with df.loc[df.index.repeat(w)] (w = 10 for the minority, 1 otherwise) on the whole frame, then train_test_split (leak at the split)
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_recall_fscore_support

df = pd.read_csv("insurance_claims.csv")
df = pd.get_dummies(df, drop_first=True)
df["fraud"] = df.pop("fraud_reported_Y")

w = np.where(df["fraud"] == 1, 10, 1)
df_up = df.loc[df.index.repeat(w)].reset_index(drop=True)
print(len(df), "->", len(df_up))

X_train, X_test, y_train, y_test = train_test_split(df_up.drop(columns="fraud"), df_up["fraud"], test_size=0.25)  # expect: leak
rf = RandomForestClassifier(n_estimators=100).fit(X_train, y_train)
print(precision_recall_fscore_support(y_test, rf.predict(X_test), average="binary"))
