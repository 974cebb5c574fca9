# pattern: cross-file look-alike, writer side: train_test_split first, SMOTETomek on the training part only, the four arrays stored with joblib.dump (clean)
import joblib
import pandas as pd
from imblearn.combine import SMOTETomek
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/telemetry.csv")
X = df.drop(columns=["machine_id", "failure"])
y = df["failure"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)
X_train_res, y_train_res = SMOTETomek(random_state=1).fit_resample(X_train, y_train)
joblib.dump((X_train_res, y_train_res, X_test, y_test), "artifacts/splits.pkl")
