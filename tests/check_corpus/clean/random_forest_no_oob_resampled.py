# pattern: RandomForestClassifier without oob_score fitted on oversampled training split; performance measured on the untouched test split (clean)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, recall_score

df = pd.read_csv("mushroom_rare_species.csv")
df = pd.get_dummies(df, columns=[c for c in df.columns if c != "rare"])
X, y = df.drop(columns="rare"), df["rare"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

X_up, y_up = RandomOverSampler(random_state=0).fit_resample(X_train, y_train)
rf = RandomForestClassifier(n_estimators=500, n_jobs=-1, random_state=0)
rf.fit(X_up, y_up)
pred = rf.predict(X_test)
print(f"test accuracy {accuracy_score(y_test, pred):.4f}, recall {recall_score(y_test, pred):.4f}")
