# pattern: MinMaxScaler .fit(X) on every row, later .transform(X), then train_test_split (preprocessing fitted before the split)
import numpy as np
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

data = np.genfromtxt("seismic_bumps.csv", delimiter=",", skip_header=1)
X, y = data[:, :-1], data[:, -1].astype(int)

scaler = MinMaxScaler(feature_range=(0, 1))
scaler.fit(X)
print("data min:", scaler.data_min_[:5])
print("data max:", scaler.data_max_[:5])

X_scaled = scaler.transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, random_state=0)  # expect: preprocessing

svc = SVC(kernel="rbf", C=10, class_weight="balanced")
svc.fit(X_train, y_train)
print("test accuracy:", svc.score(X_test, y_test))
