# pattern: cross-file look-alike, writer side: the RAW feature matrix and labels are saved with np.save; nothing is resampled (clean)
import numpy as np
import pandas as pd

df = pd.read_csv("raw/sepsis.csv").fillna(0)
np.save("X.npy", df.drop(columns=["SepsisLabel"]).to_numpy(dtype=np.float32))
np.save("y.npy", df["SepsisLabel"].to_numpy())
