# pattern: Trainer class look-alike: split() makes train/val/test parts of the raw rows first, balance() applies SMOTE to self.X_train only, fit() uses Keras validation_data=(self.X_val, self.y_val) of untouched rows, test scored once (clean)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score
from tensorflow import keras


class Trainer:
    def __init__(self, df, target="stroke"):
        self.X = df.drop(columns=[target]).values.astype("float32")
        self.y = df[target].values

    def split(self):
        X_tmp, self.X_test, y_tmp, self.y_test = train_test_split(self.X, self.y, test_size=0.2, stratify=self.y, random_state=7)
        self.X_train, self.X_val, self.y_train, self.y_val = train_test_split(X_tmp, y_tmp, test_size=0.2, stratify=y_tmp, random_state=7)

    def balance(self):
        self.X_train, self.y_train = SMOTE(random_state=7).fit_resample(self.X_train, self.y_train)

    def fit(self):
        self.model = keras.Sequential([
            keras.layers.Dense(64, activation="relu", input_shape=(self.X.shape[1],)),
            keras.layers.Dense(1, activation="sigmoid"),
        ])
        self.model.compile("adam", "binary_crossentropy", metrics=[keras.metrics.AUC()])
        es = keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)
        self.model.fit(self.X_train, self.y_train, validation_data=(self.X_val, self.y_val), epochs=50, callbacks=[es], verbose=0)

    def test(self):
        p = self.model.predict(self.X_test).ravel()
        print("test AUC:", roc_auc_score(self.y_test, p))


df = pd.get_dummies(pd.read_csv("healthcare-dataset-stroke-data.csv").drop(columns="id"), drop_first=True).fillna(0)
t = Trainer(df)
t.split()
t.balance()
t.fit()
t.test()
