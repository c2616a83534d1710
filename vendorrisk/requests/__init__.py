"""Individuals' requests (R18, APPI Art. 33-35) forwarded to the consignees that hold the
data. Its pages are on the incidents blueprint (same URLs and endpoint names,
templates in incidents/templates/incidents/)."""
