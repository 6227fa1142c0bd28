"""Performance harness (`make bench`); never run by `make test`."""
