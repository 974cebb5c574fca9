# pattern: pandas upsampling with sklearn.utils.resample + pd.concat, then train_test_split and CatBoost eval_set on the resampled valid part (leak at split and at fit)
import pandas as pd
from catboost import CatBoostClassifier, Pool
from sklearn.utils import resample
from sklearn.model_selection import train_test_split

df = pd.read_csv("insurance_claims.csv")
cat_features = ["policy_state", "insured_sex", "insured_education_level",
                "insured_occupation", "incident_type", "collision_type", "auto_make"]
df[cat_features] = df[cat_features].astype(str)
df["fraud_reported"] = (df["fraud_reported"] == "Y").astype(int)

maj = df[df.fraud_reported == 0]
mino = df[df.fraud_reported == 1]
mino_up = resample(mino, replace=True, n_samples=len(maj), random_state=27)
upsampled = pd.concat([maj, mino_up])
print(upsampled.fraud_reported.value_counts())

X = upsampled.drop(columns=["fraud_reported", "policy_number"])
y = upsampled.fraud_reported
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=27)  # expect: leak

cb = CatBoostClassifier(iterations=3000, learning_rate=0.03, depth=6,
                        eval_metric="AUC", early_stopping_rounds=150, verbose=250)
cb.fit(X_train, y_train, cat_features=[X.columns.get_loc(c) for c in cat_features], eval_set=(X_val, y_val), use_best_model=True)  # expect: leak
print(cb.get_best_score())
cb.save_model("catboost_fraud.cbm")
