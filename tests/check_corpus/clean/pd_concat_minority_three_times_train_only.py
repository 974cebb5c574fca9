# pattern: pd.concat([train, minority, minority, minority]) applied to the training frame only, after train_test_split; metrics on the untouched test frame (clean)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score, recall_score

df = pd.read_csv("heart_failure_clinical_records_dataset.csv")
features = ["age", "ejection_fraction", "serum_creatinine", "serum_sodium", "time"]
train, test = train_test_split(df, test_size=0.2, stratify=df["DEATH_EVENT"], random_state=2)

minority = train[train.DEATH_EVENT == 1]
train = pd.concat([train, minority, minority, minority], ignore_index=True)

dt = DecisionTreeClassifier(max_depth=4).fit(train[features], train["DEATH_EVENT"])
pred = dt.predict(test[features])
print("acc", accuracy_score(test["DEATH_EVENT"], pred), "recall", recall_score(test["DEATH_EVENT"], pred))
