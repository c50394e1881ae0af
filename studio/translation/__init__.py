"""Translation: the course's text as segments, translations per language, drift, variants.

``units`` (the vocabulary, on the model floor) is what the model holds; the other modules
(segments, variants, drift, pseudo-locales, XLIFF) sit on the quiz-rules floor.
"""
