# pattern: cross-file, writer side: SMOTE on every row of the credit-card table, result written with to_csv (no sink in this file)
import pandas as pd
from imblearn.over_sampling import SMOTE

df = pd.read_csv("data/raw/creditcard.csv")
df = df.drop(columns=["Time"])
X = df.drop(columns=["Class"])
y = df["Class"]

X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
out = pd.DataFrame(X_res, columns=X.columns)
out["Class"] = y_res
out.to_csv("data/processed/creditcard_smote.csv", index=False)
print("wrote", out.shape)
