"""Benchmarks: scripts that measure the portal against its own floor (see README.md)."""
