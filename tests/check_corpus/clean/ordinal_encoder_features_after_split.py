# pattern: categorical FEATURES encoded with an OrdinalEncoder fitted on the training split only (look-alike of LabelEncoder-on-features before the split) (clean)
import pandas as pd
from sklearn.preprocessing import OrdinalEncoder
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("telecom_churn.csv").drop(columns=["customerID"])
df["Churn"] = df["Churn"].map({"Yes": 1, "No": 0})
X, y = df.drop("Churn", axis=1), df["Churn"]
cat_cols = list(X.select_dtypes(include="object").columns)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=100, stratify=y)

enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)
X_train[cat_cols] = enc.fit_transform(X_train[cat_cols].astype(str))
X_test[cat_cols] = enc.transform(X_test[cat_cols].astype(str))

dt = DecisionTreeClassifier(max_depth=4, class_weight="balanced").fit(X_train, y_train)
print(dt.score(X_test, y_test))
