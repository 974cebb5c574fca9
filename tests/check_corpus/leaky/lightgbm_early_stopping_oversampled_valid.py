# pattern: split into train/valid first, but the valid part is also oversampled and then used as LightGBM eval_set with early_stopping (leak at the fit)
import lightgbm as lgb
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import train_test_split

data = pd.read_parquet("clicks.parquet")
target = "is_attributed"
feats = [c for c in data.columns if c not in (target, "click_time", "attributed_time")]

train_df, valid_df = train_test_split(data, test_size=0.15, stratify=data[target], random_state=0)


def balance(frame):
    ros = RandomOverSampler(sampling_strategy=0.3, random_state=0)
    Xb, yb = ros.fit_resample(frame[feats], frame[target])
    return Xb, yb


X_train, y_train = balance(train_df)
X_valid, y_valid = balance(valid_df)   # "so the validation metric is comparable"

clf = lgb.LGBMClassifier(n_estimators=5000, learning_rate=0.03, num_leaves=63,
                         colsample_bytree=0.8, subsample=0.8, subsample_freq=1)
clf.fit(  # expect: leak
    X_train, y_train,
    eval_set=[(X_valid, y_valid)],
    eval_metric="auc",
    callbacks=[lgb.early_stopping(200), lgb.log_evaluation(100)],
)
print("best iteration:", clf.best_iteration_)
print(clf.best_score_)
