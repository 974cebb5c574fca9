# pattern: n_neighbors chosen in a loop by cross_val_score on the training part only (elbow plot of CV error), then KNN refitted with the best k and scored once on the test part (clean)
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.metrics import accuracy_score

df = pd.read_csv("KNN_Project_Data")
X = df.drop("TARGET CLASS", axis=1)
y = df["TARGET CLASS"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.30, random_state=101)

cv_error = []
for k in range(1, 40):
    pipe = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k))
    cv_error.append(1 - cross_val_score(pipe, X_train, y_train, cv=5).mean())
plt.plot(range(1, 40), cv_error, marker="o")
plt.show()

best_k = int(np.argmin(cv_error)) + 1
final = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=best_k)).fit(X_train, y_train)
print("k=%d test accuracy: %.3f" % (best_k, accuracy_score(y_test, final.predict(X_test))))
