# pattern: a per-row copy count column (more copies for the rare label) expanded with df.loc[df.index.repeat(df["copies"])], then cross_val_score on the expanded frame (leak at cross_val_score)
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("loan_data.csv")
df = df.dropna()
rate = df["not.fully.paid"].mean()
df["copies"] = 1
df.loc[df["not.fully.paid"] == 1, "copies"] = int(round((1 - rate) / rate))

expanded = df.loc[df.index.repeat(df["copies"])].drop(columns="copies")
X = pd.get_dummies(expanded.drop(columns="not.fully.paid"), columns=["purpose"])
y = expanded["not.fully.paid"]

print(cross_val_score(LogisticRegression(max_iter=5000), X, y, cv=5, scoring="recall").mean())  # expect: leak
