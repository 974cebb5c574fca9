# pattern: SimpleImputer + OneHotEncoder + StandardScaler in a ColumnTransformer inside a Pipeline passed to cross_validate on raw data (clean)
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_validate

df = pd.read_csv("healthcare-dataset-stroke-data.csv").drop(columns="id")
y = df.pop("stroke")
num_cols = ["age", "avg_glucose_level", "bmi"]
cat_cols = ["gender", "ever_married", "work_type", "Residence_type", "smoking_status"]

pre = ColumnTransformer([
    ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), num_cols),
    ("cat", Pipeline([("imp", SimpleImputer(strategy="most_frequent")),
                      ("ohe", OneHotEncoder(handle_unknown="ignore"))]), cat_cols),
], remainder="passthrough")
clf = Pipeline([("pre", pre), ("lr", LogisticRegression(max_iter=2000, class_weight="balanced"))])

scores = cross_validate(clf, df, y, cv=5, scoring=["roc_auc", "recall"])
print(pd.DataFrame(scores).mean())
