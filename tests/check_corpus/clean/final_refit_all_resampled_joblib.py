# pattern: model evaluated with an imblearn Pipeline in cross_val_score, then a final refit on ALL data after SMOTE and joblib.dump, with no evaluation after the refit (clean)
import joblib
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score, StratifiedKFold

df = pd.read_csv("bankruptcy.csv")
X = df.drop(columns=["Bankrupt?"])
y = df["Bankrupt?"]

pipe = Pipeline([("smote", SMOTE(random_state=0)),
                 ("rf", RandomForestClassifier(n_estimators=300, random_state=0))])
scores = cross_val_score(pipe, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="roc_auc")
print("CV AUC: %.3f +/- %.3f" % (scores.mean(), scores.std()))

# production model: use every row we have
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
final_model = RandomForestClassifier(n_estimators=300, random_state=0)
final_model.fit(X_res, y_res)
joblib.dump(final_model, "bankruptcy_rf.joblib")
print("saved model trained on", len(y_res), "rows")
