# pattern: majority class down-sampled with sklearn.utils.resample(replace=False, n_samples=len(minority)) + pd.concat before train_test_split: the test set gets an artificial 50/50 ratio (counted as leak, like RandomUnderSampler)
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_score, recall_score, f1_score

df = pd.read_csv("fraud_oracle.csv")
df = pd.get_dummies(df, drop_first=True)
df_majority = df[df.FraudFound_P == 0]
df_minority = df[df.FraudFound_P == 1]

df_majority_downsampled = resample(df_majority,
                                   replace=False,
                                   n_samples=len(df_minority),
                                   random_state=123)
df_downsampled = pd.concat([df_majority_downsampled, df_minority])
print(df_downsampled.FraudFound_P.value_counts())

y = df_downsampled.FraudFound_P
X = df_downsampled.drop("FraudFound_P", axis=1)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=123)  # expect: leak

clf = RandomForestClassifier(n_estimators=300, random_state=123).fit(X_train, y_train)
pred = clf.predict(X_test)
print(precision_score(y_test, pred), recall_score(y_test, pred), f1_score(y_test, pred))
