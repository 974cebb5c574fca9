# pattern: minority repeated with pd.concat([train] + [train_minority] * 5) only after the hold-out split; predictions on the untouched test frame (clean)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report

df = pd.read_csv("heart_failure_clinical_records_dataset.csv")
train, test = train_test_split(df, test_size=0.25, stratify=df.DEATH_EVENT, random_state=0)

train_minority = train[train.DEATH_EVENT == 1]
train = pd.concat([train] + [train_minority] * 5, ignore_index=True)
print("train after repeating:", train.DEATH_EVENT.value_counts().to_dict())

lr = LogisticRegression(max_iter=10000, C=0.5)
lr.fit(train.drop(columns="DEATH_EVENT"), train.DEATH_EVENT)
print(classification_report(test.DEATH_EVENT, lr.predict(test.drop(columns="DEATH_EVENT"))))
