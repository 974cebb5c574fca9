# pattern: RandomUnderSampler on the full data before train_test_split: the test set no longer has the real class ratio (counted as leak)
import pandas as pd
import matplotlib.pyplot as plt
from imblearn.under_sampling import RandomUnderSampler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_score, recall_score, ConfusionMatrixDisplay

df = pd.read_csv("creditcard.csv")
X = df.drop(columns=["Class", "Time"])
y = df["Class"]

rus = RandomUnderSampler(sampling_strategy=1.0, random_state=0)
X_under, y_under = rus.fit_resample(X, y)
print("undersampled counts:\n", y_under.value_counts())

X_train, X_test, y_train, y_test = train_test_split(X_under, y_under, test_size=0.3, random_state=0)  # expect: leak

lr = LogisticRegression(max_iter=5000)
lr.fit(X_train, y_train)
pred = lr.predict(X_test)
print("precision", precision_score(y_test, pred))
print("recall", recall_score(y_test, pred))
ConfusionMatrixDisplay.from_predictions(y_test, pred)
plt.show()
