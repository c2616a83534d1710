"""The `vendorrisk` commands that are not one feature's: demo, serve, backup, restore;
and the registration of every feature's command group."""
