# pattern: SMOTENC on mixed categorical/numeric data applied after train_test_split, to the training frame only (clean)
import pandas as pd
from imblearn.over_sampling import SMOTENC
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report
from catboost import CatBoostClassifier

hr = pd.read_csv("aug_train.csv").drop(columns=["enrollee_id"])
cat_cols = ["city", "gender", "relevent_experience", "enrolled_university",
            "education_level", "major_discipline", "experience",
            "company_size", "company_type", "last_new_job"]
num_cols = ["city_development_index", "training_hours"]
hr[cat_cols] = hr[cat_cols].fillna("missing")
X = hr[cat_cols + num_cols]
y = hr["target"].astype(int)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

smnc = SMOTENC(categorical_features=[X.columns.get_loc(c) for c in cat_cols], random_state=0)
X_tr_nc, y_tr_nc = smnc.fit_resample(X_tr, y_tr)
print("train resampled:", y_tr_nc.value_counts().to_dict(), "test untouched:", y_te.value_counts().to_dict())

model = CatBoostClassifier(iterations=600, depth=6, learning_rate=0.05, verbose=0, cat_features=cat_cols)
model.fit(X_tr_nc, y_tr_nc)
print(classification_report(y_te, model.predict(X_te)))
