"""The lowest layer: plain Python every app may import. No Django here (the import linter
checks it)."""
