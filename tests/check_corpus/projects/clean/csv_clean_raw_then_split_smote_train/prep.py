# pattern: cross-file look-alike, writer side: only cleaning (drop_duplicates, log1p) before to_csv; nothing is resampled (clean)
import numpy as np
import pandas as pd

df = pd.read_csv("data/raw/creditcard.csv")
df = df.drop_duplicates().drop(columns=["Time"])
df["Amount"] = np.log1p(df["Amount"])
df.to_csv("data/processed/creditcard_clean.csv", index=False)
print("wrote", df.shape)
