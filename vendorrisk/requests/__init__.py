"""Individuals' requests (R18, APPI Art. 33-35) forwarded to the consignees that hold the
data: services.py records them and their tasks, jobs.py escalates overdue ones. Its pages
(views.py) are on the incidents blueprint: same URLs, endpoint names and templates
(incidents/templates/incidents/request*.html); create_app loads them."""
