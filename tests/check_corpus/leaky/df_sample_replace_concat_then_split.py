# pattern: df_minority.sample(n, replace=True) concatenated with the majority class, then train_test_split (leak)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score, accuracy_score

churn = pd.read_csv("Churn_Modelling.csv")
churn = churn.drop(["RowNumber", "CustomerId", "Surname"], axis=1)
churn = pd.get_dummies(churn, columns=["Geography", "Gender"], drop_first=True)

# Class count
count_class_0, count_class_1 = churn.Exited.value_counts()

# Divide by class
df_class_0 = churn[churn["Exited"] == 0]
df_class_1 = churn[churn["Exited"] == 1]

df_class_1_over = df_class_1.sample(count_class_0, replace=True)
df_test_over = pd.concat([df_class_0, df_class_1_over], axis=0)

print("Random over-sampling:")
print(df_test_over.Exited.value_counts())
df_test_over.Exited.value_counts().plot(kind="bar", title="Count (Exited)")

X = df_test_over.drop("Exited", axis=1)
y = df_test_over["Exited"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1, stratify=y)  # expect: leak

gb = GradientBoostingClassifier(n_estimators=300, max_depth=4)
gb.fit(X_train, y_train)
print("Accuracy: %.2f%%" % (accuracy_score(y_test, gb.predict(X_test)) * 100.0))
print("AUC:", roc_auc_score(y_test, gb.predict_proba(X_test)[:, 1]))
