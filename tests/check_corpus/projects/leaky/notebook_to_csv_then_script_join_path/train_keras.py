# pattern: cross-file, reader script: reads output/train_upsampled.csv (written by eda.ipynb) via os.path.join and fits Keras with validation_split=0.2 on the duplicated rows (leak at the fit)
import os
import pandas as pd
from tensorflow import keras

DATA_DIR = "output"
df = pd.read_csv(os.path.join(DATA_DIR, "train_upsampled.csv"))
X = df.drop(columns="Diabetes_binary").values.astype("float32")
y = df["Diabetes_binary"].values

model = keras.Sequential([
    keras.layers.Input(shape=(X.shape[1],)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy", metrics=["accuracy", keras.metrics.Recall()])
model.fit(X, y, epochs=20, batch_size=256, validation_split=0.2)  # expect: leak
model.save("diabetes.keras")
