"""Every view of a Comparison but the app: the table, `read` (in reading order, in words a
screen reader speaks well), markdown, CSV, JSON and the data package, the balance ledger; and the
format guide's reference tables, made from the definitions they describe."""
