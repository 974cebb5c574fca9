# pattern: LabelEncoder fitted on the TARGET column y of all rows before train_test_split — just maps class names to ints, harmless (clean)
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

df = pd.read_csv("glass_named.csv")
le = LabelEncoder()
y = le.fit_transform(df["glass_type"])
X = df.drop(columns="glass_type")
print(dict(zip(le.classes_, range(len(le.classes_)))))

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
rf = RandomForestClassifier(n_estimators=300, class_weight="balanced", random_state=0).fit(X_train, y_train)
print(classification_report(y_test, rf.predict(X_test), target_names=le.classes_))
