# pattern: LabelEncoder fitted per categorical FEATURE column on all rows in a loop (not the target), then train_test_split (preprocessing fitted before the split)
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, plot_tree
import matplotlib.pyplot as plt

df = pd.read_csv("telecom_churn.csv")
df = df.drop(columns=["customerID"])
cat_cols = df.select_dtypes(include="object").columns.drop("Churn")
print(list(cat_cols))

le = LabelEncoder()
for col in cat_cols:
    df[col] = le.fit_transform(df[col].astype(str))

df["Churn"] = df["Churn"].map({"Yes": 1, "No": 0})
X = df.drop("Churn", axis=1)
y = df["Churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=100, stratify=y)  # expect: preprocessing

dt = DecisionTreeClassifier(max_depth=4, class_weight="balanced").fit(X_train, y_train)
print(dt.score(X_test, y_test))
plt.figure(figsize=(20, 8))
plot_tree(dt, feature_names=X.columns, filled=True)
plt.show()
