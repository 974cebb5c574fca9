# pattern: Trainer class; prepare() stores SMOTE output on self.X / self.y, cross_validate() loops over kfold.split(self.X, self.y) and feeds Keras validation_data=(self.X[va], self.y[va]) (leak at the for line and at the fit line)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import StratifiedKFold
from tensorflow import keras


class Trainer:
    def __init__(self, n_splits=5, epochs=30):
        self.n_splits = n_splits
        self.epochs = epochs
        self.history = []

    def prepare(self, df):
        X = df.drop(columns=["stroke", "id"]).values.astype("float32")
        y = df["stroke"].values
        self.X, self.y = SMOTE(k_neighbors=5).fit_resample(X, y)

    def build(self):
        model = keras.Sequential([
            keras.layers.Dense(64, activation="relu", input_shape=(self.X.shape[1],)),
            keras.layers.Dropout(0.2),
            keras.layers.Dense(1, activation="sigmoid"),
        ])
        model.compile("adam", "binary_crossentropy", metrics=["accuracy", keras.metrics.AUC()])
        return model

    def cross_validate(self):
        kfold = StratifiedKFold(n_splits=self.n_splits, shuffle=True, random_state=7)
        for fold, (tr, va) in enumerate(kfold.split(self.X, self.y)):  # expect: leak
            model = self.build()
            h = model.fit(  # expect: leak
                self.X[tr], self.y[tr],
                validation_data=(self.X[va], self.y[va]),
                epochs=self.epochs, batch_size=64, verbose=0,
            )
            print(f"fold {fold}: last val_auc={h.history['val_auc'][-1]:.3f}")
            self.history.append(h.history)


if __name__ == "__main__":
    df = pd.read_csv("healthcare-dataset-stroke-data.csv")
    df = pd.get_dummies(df, drop_first=True).fillna(0)
    t = Trainer()
    t.prepare(df)
    t.cross_validate()
