# pattern: np.random.choice used only to pick a few random rows to print and plot (with replacement by default); the model is split and cross-validated on the untouched arrays (clean)
import numpy as np
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.svm import SVC

X, y = load_digits(return_X_y=True)
show = np.random.choice(len(X), size=8)
fig, axes = plt.subplots(1, 8, figsize=(12, 2))
for ax, i in zip(axes, show):
    ax.imshow(X[i].reshape(8, 8), cmap="gray_r")
    ax.set_title(str(y[i]))
    ax.axis("off")
plt.show()
print(X[show][:, :10])

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
print("CV:", cross_val_score(SVC(gamma=0.001), X_train, y_train, cv=5).mean())
print("test:", SVC(gamma=0.001).fit(X_train, y_train).score(X_test, y_test))
