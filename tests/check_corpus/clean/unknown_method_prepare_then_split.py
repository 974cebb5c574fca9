# pattern: frame transformed by my_pipeline.prepare(df) from an in-house package (unknown semantics), then train_test_split and cross_val_score — the checker cannot follow the data flow and must stay silent (clean)
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression

from company_ml.pipelines import FeaturePipeline

my_pipeline = FeaturePipeline.from_config("configs/churn.yaml")
df = pd.read_csv("churn_raw.csv")
prepared = my_pipeline.prepare(df)

X = prepared.drop(columns="churn")
y = prepared["churn"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)
print(cross_val_score(LogisticRegression(max_iter=2000), X_train, y_train, cv=5).mean())
