"""Workflows of the consignee register; each flushes and audits, the caller commits."""
