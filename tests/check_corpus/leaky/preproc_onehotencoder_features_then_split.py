# pattern: OneHotEncoder fitted on the categorical feature columns of every row, encoded matrix then train_test_split (preprocessing fitted before the split)
import numpy as np
import pandas as pd
from sklearn.preprocessing import OneHotEncoder
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

adult = pd.read_csv("adult.csv")
adult["income"] = (adult["income"].str.strip() == ">50K").astype(int)
cat_cols = ["workclass", "education", "marital-status", "occupation",
            "relationship", "race", "sex", "native-country"]
num_cols = ["age", "fnlwgt", "educational-num", "capital-gain", "capital-loss", "hours-per-week"]

ohe = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
cat_encoded = ohe.fit_transform(adult[cat_cols])
print("encoded columns:", len(ohe.get_feature_names_out()))

X = np.hstack([adult[num_cols].to_numpy(), cat_encoded])
y = adult["income"].to_numpy()

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)  # expect: preprocessing
clf = LogisticRegression(max_iter=5000).fit(X_train, y_train)
print("F1:", f1_score(y_test, clf.predict(X_test)))
