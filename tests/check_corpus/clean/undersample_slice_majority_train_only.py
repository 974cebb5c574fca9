# pattern: credit-card kernel done right: train_test_split of the full frame first, then the 50/50 sub-sample (df[df.Class == 0][:n] + concat) is built from the training frame only; the test frame keeps the real ratio (clean)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, average_precision_score

df = pd.read_csv("../input/creditcard.csv")
train_df, test_df = train_test_split(df, test_size=0.2, stratify=df["Class"], random_state=42)

train_df = train_df.sample(frac=1, random_state=42)
fraud = train_df.loc[train_df["Class"] == 1]
non_fraud = train_df[train_df.Class == 0][: len(fraud)]
sub = pd.concat([fraud, non_fraud]).sample(frac=1, random_state=42)
print(sub["Class"].value_counts())

clf = LogisticRegression(max_iter=1000).fit(sub.drop(columns="Class"), sub["Class"])
proba = clf.predict_proba(test_df.drop(columns="Class"))[:, 1]
print(classification_report(test_df["Class"], proba > 0.5))
print("AP on the real distribution:", average_precision_score(test_df["Class"], proba))
