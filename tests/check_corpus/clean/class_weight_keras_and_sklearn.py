# pattern: imbalance handled with compute_class_weight: Keras fit(class_weight=...) with a validation part split off the training part, and LogisticRegression(class_weight="balanced") in cross_val_score; no resampling anywhere (clean)
import numpy as np
import pandas as pd
from sklearn.utils.class_weight import compute_class_weight
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
from tensorflow import keras

df = pd.read_csv("creditcard.csv")
X = df.drop(columns=["Class", "Time"]).values.astype("float32")
y = df["Class"].values

print(cross_val_score(LogisticRegression(class_weight="balanced", max_iter=2000), X, y, cv=5, scoring="average_precision").mean())

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
weights = compute_class_weight("balanced", classes=np.unique(y_train), y=y_train)
cw = dict(enumerate(weights))

model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile("adam", "binary_crossentropy", metrics=[keras.metrics.AUC(curve="PR")])
model.fit(X_train, y_train, epochs=10, batch_size=2048, validation_split=0.2, class_weight=cw)
print(model.evaluate(X_test, y_test))
