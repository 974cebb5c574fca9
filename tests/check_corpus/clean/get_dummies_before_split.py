# pattern: pd.get_dummies on the whole frame before train_test_split: stateless encoding, nothing is fitted (clean)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

adult = pd.read_csv("adult.csv")
adult["income"] = (adult["income"].str.strip() == ">50K").astype(int)
adult = pd.get_dummies(adult, columns=["workclass", "education", "marital-status", "occupation",
                                       "relationship", "race", "sex", "native-country"], drop_first=True)
X = adult.drop(columns="income")
y = adult["income"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

rf = RandomForestClassifier(n_estimators=300, class_weight="balanced", n_jobs=-1).fit(X_train, y_train)
print("F1:", f1_score(y_test, rf.predict(X_test)))
