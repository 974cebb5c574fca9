# pattern: one-liner balancing df.groupby(label).sample(n=max_count, replace=True) on the full frame, then train_test_split (leak)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import classification_report

df = pd.read_csv("glass.csv")
print(df["Type"].value_counts().sort_index())

max_count = df["Type"].value_counts().max()
df_balanced = df.groupby("Type", group_keys=False).sample(n=max_count, replace=True, random_state=0)
print(df_balanced["Type"].value_counts().sort_index())

X = df_balanced.drop(columns="Type")
y = df_balanced["Type"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)  # expect: leak

et = ExtraTreesClassifier(n_estimators=500, random_state=0).fit(X_train, y_train)
print(classification_report(y_test, et.predict(X_test)))
