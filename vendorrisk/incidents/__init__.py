"""Consignee incidents (APPI Art. 26): whether a leak must be reported to the PPC, and
by when."""
