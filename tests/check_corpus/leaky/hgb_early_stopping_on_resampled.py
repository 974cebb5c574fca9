# pattern: split first, RandomOverSampler on the train part, then HistGradientBoostingClassifier(early_stopping=True) carves its internal validation out of the duplicated rows (leak at the fit)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

loans = pd.read_csv("lending_club_2018.csv", low_memory=False)
loans["default"] = loans["loan_status"].isin(["Charged Off", "Default"]).astype(int)
num = loans.select_dtypes("number").drop(columns=["default"])
X_train, X_test, y_train, y_test = train_test_split(num, loans["default"], test_size=0.25,
                                                    stratify=loans["default"], random_state=5)

X_tr_ros, y_tr_ros = RandomOverSampler(random_state=5).fit_resample(X_train, y_train)

hgb = HistGradientBoostingClassifier(max_iter=500, early_stopping=True,
                                     validation_fraction=0.15, n_iter_no_change=15,
                                     scoring="roc_auc", random_state=5)
hgb.fit(X_tr_ros, y_tr_ros)  # expect: leak
print("stopped after", hgb.n_iter_, "iterations; best val score", max(hgb.validation_score_))
print("test AUC", roc_auc_score(y_test, hgb.predict_proba(X_test)[:, 1]))
