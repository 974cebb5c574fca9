# pattern: pd.concat of several yearly files (and a loop that appends each month's frame) joins DIFFERENT rows, nothing is repeated; then train_test_split and class_weight (clean)
import glob
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

df_2019 = pd.read_csv("claims_2019.csv")
df_2020 = pd.read_csv("claims_2020.csv")
df_2021 = pd.read_csv("claims_2021.csv")
df = pd.concat([df_2019, df_2020, df_2021], ignore_index=True)

for path in sorted(glob.glob("claims_2022_*.csv")):
    month = pd.read_csv(path)
    df = pd.concat([df, month], ignore_index=True)
df = df.drop_duplicates()
print(df["fraud"].value_counts())

X = pd.get_dummies(df.drop(columns=["fraud", "claim_id"]), drop_first=True)
y = df["fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
rf = RandomForestClassifier(n_estimators=300, class_weight="balanced").fit(X_train, y_train)
print(classification_report(y_test, rf.predict(X_test)))
