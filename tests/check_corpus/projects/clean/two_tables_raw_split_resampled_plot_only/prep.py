# pattern: cross-file look-alike, writer side: writes the raw table train_raw.csv and, separately, a SMOTE'd copy train_smote_for_plots.csv used for plots only (clean)
import pandas as pd
from imblearn.over_sampling import SMOTE

df = pd.read_csv("raw/machine_failure.csv").drop(columns=["UDI", "Product ID", "Type"])
df.to_csv("train_raw.csv", index=False)

X, y = df.drop(columns="Machine failure"), df["Machine failure"]
X_s, y_s = SMOTE(random_state=0).fit_resample(X, y)
X_s.assign(**{"Machine failure": y_s}).to_csv("train_smote_for_plots.csv", index=False)
