# pattern: MLPClassifier and SGDClassifier with early_stopping left False, fitted on ADASYN'd training split, scored on untouched test split (clean)
import numpy as np
import pandas as pd
from imblearn.over_sampling import ADASYN
from sklearn.linear_model import SGDClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

df = pd.read_csv("thyroid_sick.csv").dropna()
y = (df.pop("class") == "sick").astype(int)
X = pd.get_dummies(df).astype(float)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=3)
X_train = np.log1p(X_train.clip(lower=0))
X_test = np.log1p(X_test.clip(lower=0))

X_ad, y_ad = ADASYN(random_state=3).fit_resample(X_train, y_train)

mlp = MLPClassifier(hidden_layer_sizes=(64, 32), max_iter=300, random_state=3)
mlp.fit(X_ad, y_ad)
print(classification_report(y_test, mlp.predict(X_test)))

sgd = SGDClassifier(loss="log_loss", max_iter=2000, tol=1e-4, random_state=3)
sgd.fit(X_ad, y_ad)
print(classification_report(y_test, sgd.predict(X_test)))
