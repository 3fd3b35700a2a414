"""The benchmark and the load test of the portal (see the README's "Performance" section)."""
