# pattern: majority class down-sampled with sklearn.utils.resample(replace=False) inside the training frame only; test frame keeps the natural ratio (clean)
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

df = pd.get_dummies(pd.read_csv("fraud_oracle.csv"), drop_first=True)
train, test = train_test_split(df, test_size=0.3, stratify=df.FraudFound_P, random_state=123)

maj, mino = train[train.FraudFound_P == 0], train[train.FraudFound_P == 1]
train_down = pd.concat([resample(maj, replace=False, n_samples=len(mino), random_state=123), mino])

clf = RandomForestClassifier(n_estimators=300, random_state=123)
clf.fit(train_down.drop("FraudFound_P", axis=1), train_down.FraudFound_P)
print("F1:", f1_score(test.FraudFound_P, clf.predict(test.drop("FraudFound_P", axis=1))))
