# pattern: test split made before SMOTE (fine), but Keras model.fit(X_train_sm, y_train_sm, validation_split=0.2) validates/early-stops on resampled rows (leak at the fit)
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow import keras
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

df = pd.read_csv("creditcard.csv")
df["Amount"] = np.log1p(df["Amount"])
df = df.drop(columns=["Time"])
X = df.drop(columns=["Class"]).values
y = df["Class"].values

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=2)

X_train_sm, y_train_sm = SMOTE(random_state=2).fit_resample(X_train, y_train)
print("train after SMOTE:", np.bincount(y_train_sm))

model = keras.Sequential([
    keras.layers.Input(shape=(X_train.shape[1],)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dropout(0.3),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
              metrics=[keras.metrics.AUC(name="auc"), keras.metrics.Recall(name="recall")])

early = keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=5, restore_best_weights=True)
history = model.fit(X_train_sm, y_train_sm, epochs=100, batch_size=512, validation_split=0.2, callbacks=[early], verbose=2)  # expect: leak

pred = (model.predict(X_test) > 0.5).astype(int).ravel()
print(classification_report(y_test, pred, digits=4))
model.save("fraud_mlp.keras")
