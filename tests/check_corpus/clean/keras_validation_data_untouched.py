# pattern: train/val/test split before SMOTE; Keras model.fit on the SMOTE'd train part with validation_data=(X_val, y_val) made of untouched rows, no validation_split (clean)
import numpy as np
import pandas as pd
from tensorflow import keras
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

df = pd.read_csv("creditcard.csv")
df["Amount"] = np.log1p(df["Amount"])
X = df.drop(columns=["Class", "Time"]).values
y = df["Class"].values

X_tmp, X_test, y_tmp, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=2)
X_train, X_val, y_train, y_val = train_test_split(X_tmp, y_tmp, test_size=0.2, stratify=y_tmp, random_state=2)

X_train_sm, y_train_sm = SMOTE(random_state=2).fit_resample(X_train, y_train)

model = keras.Sequential([
    keras.layers.Input(shape=(X.shape[1],)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dropout(0.3),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC(name="auc")])
early = keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=5, restore_best_weights=True)
model.fit(X_train_sm, y_train_sm, epochs=100, batch_size=512,
          validation_data=(X_val, y_val), callbacks=[early], verbose=2)

pred = (model.predict(X_test) > 0.5).astype(int).ravel()
print(classification_report(y_test, pred, digits=4))
