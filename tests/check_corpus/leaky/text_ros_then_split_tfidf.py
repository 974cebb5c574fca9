# pattern: RandomOverSampler run on the raw text column of the whole SMS dataset (duplicate spam messages), then train_test_split; TF-IDF is fitted correctly on train only (leak at the split)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB
from sklearn.metrics import accuracy_score, classification_report

sms = pd.read_csv("spam.csv", encoding="latin-1")[["v1", "v2"]]
sms.columns = ["label", "message"]
sms["label_num"] = sms.label.map({"ham": 0, "spam": 1})
print(sms.label.value_counts())
sms["length"] = sms.message.str.len()
print(sms.groupby("label").length.describe())

ros = RandomOverSampler(random_state=777)
msg_res, lab_res = ros.fit_resample(sms[["message"]], sms["label_num"])

X_train, X_test, y_train, y_test = train_test_split(msg_res["message"], lab_res, test_size=0.25, random_state=777)  # expect: leak

tfidf = TfidfVectorizer(stop_words="english", lowercase=True)
X_train_dtm = tfidf.fit_transform(X_train)
X_test_dtm = tfidf.transform(X_test)

nb = MultinomialNB()
nb.fit(X_train_dtm, y_train)
y_pred = nb.predict(X_test_dtm)
print(accuracy_score(y_test, y_pred))
print(classification_report(y_test, y_pred))
