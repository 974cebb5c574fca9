# pattern: RandomForestClassifier(oob_score=True) fitted on RandomOverSampler output and oob_score_ reported: duplicated rows are in-bag for the trees that score their copies (leak at the fit)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("mushroom_rare_species.csv")
df = pd.get_dummies(df, columns=[c for c in df.columns if c != "rare"])
X, y = df.drop(columns="rare"), df["rare"]
print(y.value_counts())

X_up, y_up = RandomOverSampler(random_state=0).fit_resample(X, y)

rf = RandomForestClassifier(n_estimators=500, oob_score=True, n_jobs=-1, random_state=0)
rf.fit(X_up, y_up)  # expect: leak
print(f"OOB accuracy: {rf.oob_score_:.4f}")

imp = pd.Series(rf.feature_importances_, index=X.columns).nlargest(15)
imp.plot.barh(figsize=(6, 6))
