# pattern: cross-file, writer side: RandomOverSampler on every row, arrays saved with np.save (no sink in this file)
import argparse
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler

parser = argparse.ArgumentParser()
parser.add_argument("--input", default="raw/sepsis.csv")
args = parser.parse_args()

df = pd.read_csv(args.input).fillna(0)
X = df.drop(columns=["SepsisLabel"]).to_numpy(dtype=np.float32)
y = df["SepsisLabel"].to_numpy()
X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X, y)
np.save("X_res.npy", X_res)
np.save("y_res.npy", y_res)
print("saved", X_res.shape, np.bincount(y_res))
