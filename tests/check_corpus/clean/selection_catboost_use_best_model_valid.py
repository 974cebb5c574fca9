# pattern: CatBoostClassifier(use_best_model=True) with eval_set=(X_valid, y_valid) split off the training part; the best iteration is picked there and the test accuracy is reported once (clean)
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score

df = pd.read_csv("hotel_bookings.csv")
cat_cols = ["hotel", "meal", "market_segment", "distribution_channel", "deposit_type", "customer_type"]
df[cat_cols] = df[cat_cols].fillna("NA")
X = df[cat_cols + ["lead_time", "adr", "total_of_special_requests", "previous_cancellations"]]
y = df["is_canceled"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)
X_train, X_valid, y_train, y_valid = train_test_split(X_train, y_train, test_size=0.2, random_state=1)

cb = CatBoostClassifier(iterations=3000, learning_rate=0.05, depth=6, use_best_model=True, verbose=300)
cb.fit(X_train, y_train, cat_features=cat_cols, eval_set=(X_valid, y_valid))
print(f"test accuracy {accuracy_score(y_test, cb.predict(X_test)):.4f}")
