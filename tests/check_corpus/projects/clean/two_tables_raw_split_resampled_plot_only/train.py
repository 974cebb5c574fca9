# pattern: cross-file look-alike, reader side: reads the RAW train_raw.csv, train_test_split, SMOTE inside an imblearn pipeline fitted on the training part (clean)
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import make_pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

df = pd.read_csv("train_raw.csv")
X, y = df.drop(columns="Machine failure"), df["Machine failure"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
pipe = make_pipeline(SMOTE(random_state=0), RandomForestClassifier(n_estimators=300)).fit(X_train, y_train)
print(classification_report(y_test, pipe.predict(X_test)))
