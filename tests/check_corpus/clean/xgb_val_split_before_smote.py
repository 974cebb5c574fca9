# pattern: test split, then train split again into train/valid, and only then SMOTE on the innermost train part; XGBoost eval_set is the untouched valid part (clean)
import pandas as pd
from xgboost import XGBClassifier
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

df = pd.read_csv("bank_churners.csv")
df["Attrition_Flag"] = (df["Attrition_Flag"] == "Attrited Customer").astype(int)
df = pd.get_dummies(df.drop(columns=["CLIENTNUM"]), drop_first=True)
X, y = df.drop(columns="Attrition_Flag"), df["Attrition_Flag"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=10)
X_tr, X_valid, y_tr, y_valid = train_test_split(X_train, y_train, test_size=0.15, stratify=y_train, random_state=10)
X_tr_s, y_tr_s = SMOTE(random_state=10).fit_resample(X_tr, y_tr)

xgbc = XGBClassifier(n_estimators=3000, learning_rate=0.02, max_depth=5, eval_metric="aucpr", early_stopping_rounds=100)
xgbc.fit(X_tr_s, y_tr_s, eval_set=[(X_valid, y_valid)], verbose=False)
print("test AUC:", roc_auc_score(y_test, xgbc.predict_proba(X_test)[:, 1]))
