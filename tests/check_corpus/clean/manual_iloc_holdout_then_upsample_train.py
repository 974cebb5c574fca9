# pattern: time-ordered manual hold-out with df.iloc[:cut] / df.iloc[cut:]; only the earlier (training) rows are upsampled with sample(replace=True) (clean)
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score, precision_score

df = pd.read_csv("server_incidents.csv", parse_dates=["timestamp"]).sort_values("timestamp")
features = ["cpu", "mem", "disk_io", "net_in", "net_out", "err_rate"]
cut = int(len(df) * 0.8)
train, test = df.iloc[:cut], df.iloc[cut:]

inc = train[train.incident == 1]
train_up = pd.concat([train, inc.sample(len(inc) * 4, replace=True, random_state=0)])

lr = LogisticRegression(max_iter=2000).fit(train_up[features], train_up["incident"])
pred = lr.predict(test[features])
print("precision", precision_score(test["incident"], pred), "recall", recall_score(test["incident"], pred))
