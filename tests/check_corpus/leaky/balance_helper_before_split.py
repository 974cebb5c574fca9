# pattern: a balance(df) helper defined in the file upsamples every minority class; it is applied to the whole frame before train_test_split (leak)
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report


def balance(df, label="label", seed=0):
    """Upsample every class to the size of the largest one."""
    biggest = df[label].value_counts().max()
    parts = []
    for _, part in df.groupby(label):
        if len(part) < biggest:
            part = resample(part, replace=True, n_samples=biggest, random_state=seed)
        parts.append(part)
    return pd.concat(parts).sample(frac=1, random_state=seed)


def load(path):
    df = pd.read_csv(path)
    df = df.dropna(subset=["label"])
    return df


if __name__ == "__main__":
    df = load("wafer_defects.csv")
    print(df["label"].value_counts())
    df = balance(df)
    print(df["label"].value_counts())

    X = df.drop(columns=["label"])
    y = df["label"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)  # expect: leak

    rf = RandomForestClassifier(n_estimators=400, class_weight=None, random_state=0)
    rf.fit(X_train, y_train)
    print(classification_report(y_test, rf.predict(X_test)))
