# pattern: classic credit-card kernel: shuffle, take the 492 frauds and the first 492 non-frauds with df[df.Class == 0][:492], concat, then train_test_split of the balanced subsample: the test part has an artificial 50/50 ratio (leak at the split)
import numpy as np
import pandas as pd
import seaborn as sns
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, recall_score, precision_score

df = pd.read_csv("../input/creditcard.csv")
print(df.shape)
print("No Frauds", round(df["Class"].value_counts()[0] / len(df) * 100, 2), "% of the dataset")
print("Frauds", round(df["Class"].value_counts()[1] / len(df) * 100, 2), "% of the dataset")

df = df.sample(frac=1)

# amount of fraud classes 492 rows.
fraud_df = df.loc[df["Class"] == 1]
non_fraud_df = df[df.Class == 0][:492]

normal_distributed_df = pd.concat([fraud_df, non_fraud_df])
new_df = normal_distributed_df.sample(frac=1, random_state=42)
new_df.head()

sns.countplot(x="Class", data=new_df)
plt.title("Equally Distributed Classes", fontsize=14)
plt.show()

X = new_df.drop("Class", axis=1)
y = new_df["Class"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)  # expect: leak

log_reg = LogisticRegression(max_iter=1000)
log_reg.fit(X_train, y_train)
pred = log_reg.predict(X_test)
print("accuracy", accuracy_score(y_test, pred))
print("recall", recall_score(y_test, pred))
print("precision", precision_score(y_test, pred))
