# pattern: MinMaxScaler .fit(X_train) after the split, then .transform on train and test separately (clean)
import numpy as np
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

data = np.genfromtxt("seismic_bumps.csv", delimiter=",", skip_header=1)
X, y = data[:, :-1], data[:, -1].astype(int)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

scaler = MinMaxScaler()
scaler.fit(X_train)
X_train_s = scaler.transform(X_train)
X_test_s = scaler.transform(X_test)

svc = SVC(kernel="rbf", C=10, class_weight="balanced").fit(X_train_s, y_train)
print("test accuracy:", svc.score(X_test_s, y_test))
