# pattern: X, X_hold, y, y_hold = train_test_split(X, y) reassigns X; SMOTE then overwrites X, y; model fitted on X and scored only on the untouched X_hold (clean)
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score, classification_report

df = pd.read_csv("diabetes_130_us_hospitals.csv")
df = pd.get_dummies(df.drop(columns=["encounter_id", "patient_nbr"]), drop_first=True)
y = (df.pop("readmitted_<30") == 1).astype(int)
X = df

X, X_hold, y, y_hold = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X, y = SMOTE(random_state=0).fit_resample(X, y)

model = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=0)
model.fit(X, y)
pred = model.predict(X_hold)
print("hold-out F1:", f1_score(y_hold, pred))
print(classification_report(y_hold, pred))
