"""Risk acceptance (exceptions, R8): recording and deciding an exception, whatever gap it
names. The review asks for them for an assessment's gaps (review/exceptions.py),
contracts for ending a relationship without a certificate (contracts/termination_exceptions.py)."""
