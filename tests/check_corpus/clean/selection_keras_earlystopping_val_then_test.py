# pattern: Keras EarlyStopping(restore_best_weights=True) monitors validation_data=(X_val, y_val) split off the training part; model.evaluate(X_test, y_test) runs once at the end on rows that chose nothing (clean)
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("creditcard.csv")
X = df.drop(columns=["Class", "Time"]).values
y = df["Class"].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=1)
X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, test_size=0.2, stratify=y_train, random_state=1)
sc = StandardScaler().fit(X_train)
X_train, X_val, X_test = sc.transform(X_train), sc.transform(X_val), sc.transform(X_test)

model = tf.keras.Sequential([
    tf.keras.layers.Dense(32, activation="relu", input_shape=(X_train.shape[1],)),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[tf.keras.metrics.AUC(name="auc")])
es = tf.keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=5, restore_best_weights=True)
model.fit(X_train, y_train, epochs=100, batch_size=2048, validation_data=(X_val, y_val), callbacks=[es])

loss, auc = model.evaluate(X_test, y_test, verbose=0)
print("Test AUC:", auc)
