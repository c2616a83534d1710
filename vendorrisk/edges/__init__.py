"""The edges: how people and processes reach the features (the vendor portal, the API,
the command line, the scheduler, the health checks). Nothing below imports them."""
