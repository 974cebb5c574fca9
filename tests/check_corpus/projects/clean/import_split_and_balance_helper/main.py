# pattern: cross-file look-alike, driver: from utils import split_and_balance; the model is fitted on the balanced training frame and scored on the untouched test frame (clean)
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report

from utils import load, split_and_balance

df = load("data/fetal_health.csv")
train, test = split_and_balance(df, "fetal_health")
rf = RandomForestClassifier(n_estimators=300).fit(train.drop(columns="fetal_health"), train["fetal_health"])
print(classification_report(test["fetal_health"], rf.predict(test.drop(columns="fetal_health"))))
