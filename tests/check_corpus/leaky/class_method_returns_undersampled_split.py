# pattern: Preprocessor class whose balance() method under-samples the majority class by hand (df[df.Class == 0].sample(n)) and returns the concatenated frame; the caller splits it with train_test_split: the test part is artificially 50/50 (leak at the split)
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import classification_report


class Preprocessor:
    def __init__(self, target="Class"):
        self.target = target

    def clean(self, df):
        df = df.drop_duplicates()
        df["Amount"] = df["Amount"].clip(upper=5000)
        return df

    def balance(self, df):
        fraud = df[df[self.target] == 1]
        normal = df[df[self.target] == 0].sample(len(fraud), random_state=1)
        return pd.concat([fraud, normal]).sample(frac=1, random_state=1)


pre = Preprocessor()
raw = pd.read_csv("creditcard.csv")
raw = pre.clean(raw)
balanced = pre.balance(raw)
balanced["Class"].value_counts().plot(kind="bar")
plt.show()

X = balanced.drop("Class", axis=1)
y = balanced["Class"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)  # expect: leak
svc = SVC(kernel="rbf", C=1.0).fit(X_train, y_train)
print(classification_report(y_test, svc.predict(X_test)))
