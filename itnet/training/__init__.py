"""Training and evaluation of the project's Italian NER model (KIND → spaCy)."""
