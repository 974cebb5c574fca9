# pattern: only the training frame is oversampled; the LightGBM eval_set / early_stopping callback uses the untouched validation frame (clean)
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
    return ros.fit_resample(frame[feats], frame[target])


X_train, y_train = balance(train_df)
X_valid, y_valid = valid_df[feats], valid_df[target]

clf = lgb.LGBMClassifier(n_estimators=5000, learning_rate=0.03, num_leaves=63)
clf.fit(
    X_train, y_train,
    eval_set=[(X_valid, y_valid)],
    eval_metric="auc",
    callbacks=[lgb.early_stopping(200), lgb.log_evaluation(100)],
)
print("best iteration:", clf.best_iteration_)
