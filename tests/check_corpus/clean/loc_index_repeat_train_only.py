# pattern: weighted duplication train_df.loc[train_df.index.repeat(w)] applied to the training frame only, after train_test_split (clean)
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_recall_fscore_support

df = pd.get_dummies(pd.read_csv("insurance_claims.csv"), drop_first=True)
df["fraud"] = df.pop("fraud_reported_Y")
train_df, test_df = train_test_split(df, test_size=0.25, stratify=df["fraud"], random_state=4)

w = np.where(train_df["fraud"] == 1, 10, 1)
train_up = train_df.loc[train_df.index.repeat(w)].reset_index(drop=True)

rf = RandomForestClassifier(n_estimators=100).fit(train_up.drop(columns="fraud"), train_up["fraud"])
print(precision_recall_fscore_support(test_df["fraud"], rf.predict(test_df.drop(columns="fraud")), average="binary"))
