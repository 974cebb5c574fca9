# pattern: split first, sklearn.utils.resample + pd.concat upsampling of the training frame only, CatBoost eval_set on the untouched validation frame (clean)
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.utils import resample
from sklearn.model_selection import train_test_split

df = pd.read_csv("insurance_claims.csv")
cat_features = ["policy_state", "insured_sex", "insured_education_level",
                "insured_occupation", "incident_type", "collision_type", "auto_make"]
df[cat_features] = df[cat_features].astype(str)
df["fraud_reported"] = (df["fraud_reported"] == "Y").astype(int)
df = df.drop(columns=["policy_number"])

train, val = train_test_split(df, test_size=0.2, stratify=df.fraud_reported, random_state=27)

maj = train[train.fraud_reported == 0]
mino = train[train.fraud_reported == 1]
train_up = pd.concat([maj, resample(mino, replace=True, n_samples=len(maj), random_state=27)])

X_train, y_train = train_up.drop(columns="fraud_reported"), train_up.fraud_reported
X_val, y_val = val.drop(columns="fraud_reported"), val.fraud_reported

cb = CatBoostClassifier(iterations=3000, learning_rate=0.03, depth=6,
                        eval_metric="AUC", early_stopping_rounds=150, verbose=250)
cb.fit(X_train, y_train, cat_features=cat_features, eval_set=(X_val, y_val), use_best_model=True)
cb.save_model("catboost_fraud.cbm")
