"""NDAs and consignment contracts: register, clause checklist, approval gate, end of contract.

So far: the pure rules (clauses.py, status.py); models, pages and the gate follow.
"""
