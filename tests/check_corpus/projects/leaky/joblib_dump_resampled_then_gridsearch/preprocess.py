# pattern: cross-file, writer side: SMOTETomek on every row, (X_res, y_res) stored with joblib.dump (no sink in this file)
import joblib
import pandas as pd
from imblearn.combine import SMOTETomek

df = pd.read_csv("data/telemetry.csv")
X = df.drop(columns=["machine_id", "failure"])
y = df["failure"]
X_res, y_res = SMOTETomek(random_state=1).fit_resample(X, y)
joblib.dump((X_res, y_res), "artifacts/resampled.pkl")
