"""Drafting claims from an archived article, for an author to confirm or delete.

Every draft is made from the article's own words by the readers that `check` proves with (the
figure reader in proof/figures.py, the quote match in proof/provenance.py), and is proven by them
before it is written: a draft that `check` would refuse is never offered. A field the words do
not carry is written "not stated", never guessed.
"""
