# pattern: n_neighbors chosen by the best accuracy on the test part in a loop (elbow plot), then KNN refitted with the best k and its accuracy on the same test part reported (selection, marked on the final score line)
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import accuracy_score

df = pd.read_csv("KNN_Project_Data")
X = df.drop("TARGET CLASS", axis=1)
y = df["TARGET CLASS"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.30, random_state=101)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)

error_rate = []
for i in range(1, 40):
    knn = KNeighborsClassifier(n_neighbors=i)
    knn.fit(X_train, y_train)
    pred_i = knn.predict(X_test)
    error_rate.append(np.mean(pred_i != y_test))

plt.figure(figsize=(10, 6))
plt.plot(range(1, 40), error_rate, color="blue", linestyle="dashed", marker="o")
plt.title("Error Rate vs. K Value")
plt.show()

best_k = int(np.argmin(error_rate)) + 1
knn = KNeighborsClassifier(n_neighbors=best_k).fit(X_train, y_train)
print("WITH K=%d" % best_k)
print("test accuracy:", accuracy_score(y_test, knn.predict(X_test)))  # expect: selection
