# pattern: imbsafe ResampledClassifier (resampling inside fit) tuned with GridSearchCV on the raw training split; evaluation on the untouched test split (clean)
import pandas as pd
from imblearn.over_sampling import SMOTE
from imbsafe import ResampledClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.metrics import classification_report

df = pd.read_csv("machine_failure.csv").drop(columns=["UDI", "Product ID"])
df = pd.get_dummies(df, columns=["Type"])
X, y = df.drop(columns="Machine failure"), df["Machine failure"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=0)

model = ResampledClassifier(RandomForestClassifier(random_state=0), sampler=SMOTE(random_state=0))
search = GridSearchCV(model, {"estimator__n_estimators": [200, 500], "estimator__max_depth": [None, 10]},
                      cv=5, scoring="f1")
search.fit(X_train, y_train)
print(search.best_params_, search.best_score_)
print(classification_report(y_test, search.predict(X_test)))
