# pattern: train_df/test_df split first; train_df minority upsampled with .sample(n, replace=True) + pd.concat; test_df untouched (clean)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

churn = pd.read_csv("Churn_Modelling.csv")
churn = churn.drop(["RowNumber", "CustomerId", "Surname"], axis=1)
churn = pd.get_dummies(churn, columns=["Geography", "Gender"], drop_first=True)

train_df, test_df = train_test_split(churn, test_size=0.2, stratify=churn["Exited"], random_state=1)

count_class_0, count_class_1 = train_df.Exited.value_counts()
df_class_0 = train_df[train_df["Exited"] == 0]
df_class_1 = train_df[train_df["Exited"] == 1]
df_class_1_over = df_class_1.sample(count_class_0, replace=True, random_state=1)
train_over = pd.concat([df_class_0, df_class_1_over], axis=0)
print(train_over.Exited.value_counts())

gb = GradientBoostingClassifier(n_estimators=300, max_depth=4)
gb.fit(train_over.drop("Exited", axis=1), train_over["Exited"])
print("test AUC:", roc_auc_score(test_df["Exited"], gb.predict_proba(test_df.drop("Exited", axis=1))[:, 1]))
