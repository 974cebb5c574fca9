# pattern: SMOTE inside an imblearn Pipeline tuned by HalvingRandomSearchCV on the raw training split; the test split is scored once at the end (clean)
import pandas as pd
from scipy.stats import loguniform, randint
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingRandomSearchCV, train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score

df = pd.read_csv("telecom_churn.csv")
X = pd.get_dummies(df.drop(columns=["churn", "phone number"]), drop_first=True)
y = df["churn"].astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

pipe = Pipeline([("smote", SMOTE(random_state=0)), ("gb", GradientBoostingClassifier(random_state=0))])
space = {
    "smote__k_neighbors": randint(3, 10),
    "gb__learning_rate": loguniform(1e-3, 3e-1),
    "gb__max_depth": randint(2, 6),
}
search = HalvingRandomSearchCV(pipe, space, factor=3, cv=5, scoring="average_precision", random_state=0)
search.fit(X_train, y_train)
print(search.best_params_)
print("test AP:", average_precision_score(y_test, search.predict_proba(X_test)[:, 1]))
