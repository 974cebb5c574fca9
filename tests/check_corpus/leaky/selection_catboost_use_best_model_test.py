# pattern: CatBoostClassifier(use_best_model=True) fitted with eval_set=(X_test, y_test): the test part picks the best iteration, and the model's accuracy on X_test is then reported (selection, marked on the score line)
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

cb = CatBoostClassifier(iterations=3000, learning_rate=0.05, depth=6, use_best_model=True, verbose=300)
cb.fit(X_train, y_train, cat_features=cat_cols, eval_set=(X_test, y_test))

acc = accuracy_score(y_test, cb.predict(X_test))  # expect: selection
print(f"test accuracy {acc:.4f}")
