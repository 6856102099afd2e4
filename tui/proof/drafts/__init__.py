"""Drafting claims from an archived article, for an author to confirm or delete.

Every draft is made from the article's own words by the readers that `check` proves with (the
figure reader in proof/figures.py, the quote match in proof/provenance.py, the words that carry
each field in policy/model.py), and is proven by `check`'s own proofs, field proofs included,
with the claims the file already has, before it is written: a draft that `check` would refuse
is never offered. A field the words do not carry is written "not stated", never guessed.
"""
