# pattern: RandomUnderSampler applied to the training split only; the test split keeps the real class ratio (clean)
import pandas as pd
from imblearn.under_sampling import RandomUnderSampler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_score, recall_score

df = pd.read_csv("creditcard.csv")
X = df.drop(columns=["Class", "Time"])
y = df["Class"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
X_under, y_under = RandomUnderSampler(random_state=0).fit_resample(X_train, y_train)
print(y_under.value_counts())

lr = LogisticRegression(max_iter=5000).fit(X_under, y_under)
pred = lr.predict(X_test)
print("precision", precision_score(y_test, pred), "recall", recall_score(y_test, pred))
