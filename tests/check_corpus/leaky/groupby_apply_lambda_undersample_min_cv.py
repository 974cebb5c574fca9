# pattern: under-sampling every class to the smallest class size with groupby(...).apply(lambda g: g.sample(n_min)) on the whole frame, then cross_validate: every test fold is balanced (leak at cross_validate)
import pandas as pd
from sklearn.model_selection import cross_validate
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline

reviews = pd.read_csv("product_reviews_features.csv")
label = "sentiment"
n_min = reviews[label].value_counts().min()
print("smallest class:", n_min)

balanced = reviews.groupby(label, group_keys=False).apply(lambda g: g.sample(n_min, random_state=0))
balanced = balanced.reset_index(drop=True)

X = balanced.drop(columns=[label])
y = balanced[label]
pipe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000))
cv_res = cross_validate(pipe, X, y, cv=5, scoring=["accuracy", "f1_macro"])  # expect: leak
print({k: round(v.mean(), 3) for k, v in cv_res.items() if k.startswith("test_")})
