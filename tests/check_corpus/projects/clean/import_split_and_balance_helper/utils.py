# pattern: cross-file look-alike, helper module: split_and_balance() splits first, then upsamples the training frame only (clean)
import pandas as pd
from sklearn.model_selection import train_test_split


def load(path):
    return pd.read_csv(path).dropna().reset_index(drop=True)


def split_and_balance(df, target, test_size=0.2, seed=0):
    train, test = train_test_split(df, test_size=test_size, stratify=df[target], random_state=seed)
    n = train[target].value_counts().max()
    parts = [g.sample(n, replace=True, random_state=seed) for _, g in train.groupby(target)]
    return pd.concat(parts), test
