"""One module per family of rules; importing this package registers them all."""
