# pattern: the same balance(df) upsampling helper as the leaky variant, but called on train_df after train_test_split (clean)
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report


def balance(df, label="label", seed=0):
    biggest = df[label].value_counts().max()
    parts = []
    for _, part in df.groupby(label):
        if len(part) < biggest:
            part = resample(part, replace=True, n_samples=biggest, random_state=seed)
        parts.append(part)
    return pd.concat(parts).sample(frac=1, random_state=seed)


if __name__ == "__main__":
    df = pd.read_csv("wafer_defects.csv").dropna(subset=["label"])
    train_df, test_df = train_test_split(df, test_size=0.2, stratify=df["label"], random_state=0)
    train_df = balance(train_df)

    rf = RandomForestClassifier(n_estimators=400, random_state=0)
    rf.fit(train_df.drop(columns=["label"]), train_df["label"])
    print(classification_report(test_df["label"], rf.predict(test_df.drop(columns=["label"]))))
