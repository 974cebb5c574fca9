# pattern: SMOTE.fit_resample on the full feature matrix, then train_test_split of the synthetic-augmented arrays (leak)
import pandas as pd
import numpy as np
import matplotlib.pyplot as plt
import seaborn as sns
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, confusion_matrix, roc_auc_score

df = pd.read_csv("creditcard.csv")
print(df.shape)
print(df["Class"].value_counts())

sns.countplot(x="Class", data=df)
plt.title("Class distribution (0 = normal, 1 = fraud)")
plt.show()

X = df.drop("Class", axis=1)
y = df["Class"]

sm = SMOTE(random_state=42)
X_res, y_res = sm.fit_resample(X, y)
print("After SMOTE:", pd.Series(y_res).value_counts().to_dict())

X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.25, random_state=42)  # expect: leak

clf = RandomForestClassifier(n_estimators=200, n_jobs=-1, random_state=42)
clf.fit(X_train, y_train)
y_pred = clf.predict(X_test)

print(confusion_matrix(y_test, y_pred))
print(classification_report(y_test, y_pred, digits=4))
print("ROC AUC:", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))

# looks amazing... 0.99+ everywhere
sns.heatmap(confusion_matrix(y_test, y_pred), annot=True, fmt="d", cmap="Blues")
plt.show()
