# pattern: SMOTENC (mixed categorical/numeric) run on the whole DataFrame, then train_test_split of the resampled frame (leak)
import pandas as pd
from imblearn.over_sampling import SMOTENC
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report
from catboost import CatBoostClassifier

# HR analytics: job change of data scientists
hr = pd.read_csv("aug_train.csv")
hr = hr.drop(columns=["enrollee_id"])
print(hr.isna().sum())

cat_cols = ["city", "gender", "relevent_experience", "enrolled_university",
            "education_level", "major_discipline", "experience",
            "company_size", "company_type", "last_new_job"]
num_cols = ["city_development_index", "training_hours"]
hr[cat_cols] = hr[cat_cols].fillna("missing")

X = hr[cat_cols + num_cols]
y = hr["target"].astype(int)
print(y.value_counts())

cat_idx = [X.columns.get_loc(c) for c in cat_cols]
smnc = SMOTENC(categorical_features=cat_idx, random_state=0)
X_nc, y_nc = smnc.fit_resample(X, y)
print("resampled:", X_nc.shape, y_nc.value_counts().to_dict())

X_tr, X_te, y_tr, y_te = train_test_split(X_nc, y_nc, test_size=0.2, stratify=y_nc, random_state=0)  # expect: leak

model = CatBoostClassifier(iterations=600, depth=6, learning_rate=0.05,
                           verbose=0, cat_features=cat_cols)
model.fit(X_tr, y_tr)
print("test accuracy:", model.score(X_te, y_te))
print(classification_report(y_te, model.predict(X_te)))
