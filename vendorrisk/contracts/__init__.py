"""NDAs and consignment contracts: register, clause checklist, approval gate, end of contract.

So far: the pure rules (clauses.py, status.py), the models and the services; pages, the
approval gate and end of contract follow.
"""
