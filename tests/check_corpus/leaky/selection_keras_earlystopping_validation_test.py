# pattern: Keras model.fit(validation_data=(X_test, y_test)) with EarlyStopping(restore_best_weights=True): the test part picks the epoch, then model.evaluate(X_test, y_test) is reported (selection, marked on the evaluate line)
import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("creditcard.csv")
X = df.drop(columns=["Class", "Time"]).values
y = df["Class"].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=1)
sc = StandardScaler()
X_train = sc.fit_transform(X_train)
X_test = sc.transform(X_test)

model = tf.keras.Sequential([
    tf.keras.layers.Dense(32, activation="relu", input_shape=(X_train.shape[1],)),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[tf.keras.metrics.AUC(name="auc")])

es = tf.keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=5, restore_best_weights=True)
history = model.fit(
    X_train, y_train,
    epochs=100,
    batch_size=2048,
    validation_data=(X_test, y_test),
    callbacks=[es],
    class_weight={0: 1.0, 1: 50.0},
)

loss, auc = model.evaluate(X_test, y_test, verbose=0)  # expect: selection
print("Test AUC:", auc)
