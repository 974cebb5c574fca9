# pattern: smote_variants MulticlassOversampling wrapping an oversampler, .sample(X, y) on every row of a multi-class dataset, then train_test_split (leak at the split)
import pandas as pd
import smote_variants as sv
import sklearn.datasets as datasets
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import balanced_accuracy_score

dataset = datasets.load_wine()
X, y = dataset["data"], dataset["target"]
print(pd.Series(y).value_counts())

mc = sv.MulticlassOversampling(oversampler="polynom_fit_SMOTE_star", oversampler_params={"random_state": 5})
X_os, y_os = mc.sample(X, y)

X_tr, X_te, y_tr, y_te = train_test_split(X_os, y_os, test_size=0.25)  # expect: leak
knn = KNeighborsClassifier(n_neighbors=5).fit(X_tr, y_tr)
print("balanced acc", balanced_accuracy_score(y_te, knn.predict(X_te)))
