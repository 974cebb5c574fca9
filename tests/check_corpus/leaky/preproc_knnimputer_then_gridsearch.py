# pattern: KNNImputer fitted on the whole feature matrix, then GridSearchCV.fit on the imputed data (preprocessing fitted before the search's CV)
import pandas as pd
from sklearn.impute import KNNImputer
from sklearn.model_selection import GridSearchCV
from sklearn.ensemble import GradientBoostingClassifier

df = pd.read_csv("hepatitis.csv").replace("?", float("nan")).astype(float)
y = (df.pop("class") == 1).astype(int)

imputer = KNNImputer(n_neighbors=5)
X_imp = imputer.fit_transform(df)

gs = GridSearchCV(GradientBoostingClassifier(random_state=0),
                  {"n_estimators": [50, 100, 200], "max_depth": [1, 2, 3]},
                  cv=5, scoring="roc_auc")
gs.fit(X_imp, y)  # expect: preprocessing
print(gs.best_params_, round(gs.best_score_, 3))
