# pattern: OneHotEncoder(handle_unknown="ignore") fitted on the training split's categorical columns only (clean)
import numpy as np
import pandas as pd
from sklearn.preprocessing import OneHotEncoder
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

adult = pd.read_csv("adult.csv")
adult["income"] = (adult["income"].str.strip() == ">50K").astype(int)
cat_cols = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"]
num_cols = ["age", "fnlwgt", "educational-num", "capital-gain", "capital-loss", "hours-per-week"]

train, test = train_test_split(adult, test_size=0.25, stratify=adult["income"], random_state=0)
ohe = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(train[cat_cols])
X_train = np.hstack([train[num_cols].to_numpy(), ohe.transform(train[cat_cols])])
X_test = np.hstack([test[num_cols].to_numpy(), ohe.transform(test[cat_cols])])

clf = LogisticRegression(max_iter=5000).fit(X_train, train["income"])
print("F1:", f1_score(test["income"], clf.predict(X_test)))
