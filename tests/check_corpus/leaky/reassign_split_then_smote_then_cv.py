# pattern: hold-out split reassigns X, y; SMOTE then overwrites X, y with the resampled training part, and cross_val_score runs on it: synthetic neighbours cross the CV folds (leak at the CV; the hold-out score itself is fine)
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

df = pd.read_csv("diabetes_130_us_hospitals.csv")
df = pd.get_dummies(df.drop(columns=["encounter_id", "patient_nbr"]), drop_first=True)
y = (df.pop("readmitted_<30") == 1).astype(int)
X = df

X, X_hold, y, y_hold = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X, y = SMOTE(random_state=0).fit_resample(X, y)

model = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=0)
cv_f1 = cross_val_score(model, X, y, cv=5, scoring="f1")  # expect: leak
print("CV F1 (optimistic):", cv_f1.mean())

model.fit(X, y)
print("hold-out F1:", f1_score(y_hold, model.predict(X_hold)))
