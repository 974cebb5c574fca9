# pattern: SMS messages split first; RandomOverSampler applied to the training messages only; TF-IDF fitted on train (clean)
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB
from sklearn.metrics import classification_report

sms = pd.read_csv("spam.csv", encoding="latin-1")[["v1", "v2"]]
sms.columns = ["label", "message"]
sms["label_num"] = sms.label.map({"ham": 0, "spam": 1})

X_train, X_test, y_train, y_test = train_test_split(sms[["message"]], sms["label_num"], test_size=0.25,
                                                    stratify=sms["label_num"], random_state=777)
X_train_ros, y_train_ros = RandomOverSampler(random_state=777).fit_resample(X_train, y_train)

tfidf = TfidfVectorizer(stop_words="english")
nb = MultinomialNB().fit(tfidf.fit_transform(X_train_ros["message"]), y_train_ros)
print(classification_report(y_test, nb.predict(tfidf.transform(X_test["message"]))))
