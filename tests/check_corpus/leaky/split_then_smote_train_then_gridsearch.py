# pattern: split first (good), SMOTE on X_train, then GridSearchCV.fit on the resampled training set: the inner CV folds contain synthetic neighbours of each other (leak at the search fit)
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

df = pd.read_csv("healthcare-dataset-stroke-data.csv")
df["bmi"] = df["bmi"].fillna(28.1)     # constant from the data dictionary, not fitted
df = pd.get_dummies(df.drop(columns="id"), drop_first=True)
X = df.drop(columns="stroke")
y = df["stroke"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
X_train_res, y_train_res = SMOTE(random_state=42).fit_resample(X_train, y_train)

grid = GridSearchCV(
    RandomForestClassifier(random_state=42),
    param_grid={"n_estimators": [200, 500], "max_depth": [None, 8, 16], "min_samples_leaf": [1, 3]},
    cv=5, scoring="f1", n_jobs=-1,
)
grid.fit(X_train_res, y_train_res)  # expect: leak
print(grid.best_params_, "CV f1:", grid.best_score_)
print(classification_report(y_test, grid.predict(X_test)))
