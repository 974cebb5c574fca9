# pattern: cross-file, driver: from utils import balance; the whole frame is balanced by the sibling module's helper and then train_test_split (leak)
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

from utils import balance, load

df = load("data/fetal_health.csv")
df_bal = balance(df, "fetal_health")
X = df_bal.drop(columns="fetal_health")
y = df_bal["fetal_health"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)  # expect: leak
rf = RandomForestClassifier(n_estimators=300).fit(X_train, y_train)
print(classification_report(y_test, rf.predict(X_test)))
