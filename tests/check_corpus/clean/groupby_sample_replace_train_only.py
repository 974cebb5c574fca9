# pattern: groupby(label).sample(n, replace=True) balancing applied to the training frame after train_test_split (clean)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import classification_report

df = pd.read_csv("glass.csv")
train_df, test_df = train_test_split(df, test_size=0.25, stratify=df["Type"], random_state=0)

max_count = train_df["Type"].value_counts().max()
train_bal = train_df.groupby("Type", group_keys=False).sample(n=max_count, replace=True, random_state=0)

et = ExtraTreesClassifier(n_estimators=500, random_state=0).fit(train_bal.drop(columns="Type"), train_bal["Type"])
print(classification_report(test_df["Type"], et.predict(test_df.drop(columns="Type"))))
