# pattern: data comes from load_balanced_data() imported from a local module the checker cannot see; its result is split — no finding, the checker must not guess (clean)
from utils import load_balanced_data
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

X, y = load_balanced_data("data/claims.parquet")
print(X.shape)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
rf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X_train, y_train)
print(classification_report(y_test, rf.predict(X_test)))
