"""The lowest layer, imported by every app: ``vocabulary`` (plain Python, no Django: the import
linter checks it) and ``roles`` (the names of groups and permissions, and the access check,
which uses Django's ``PermissionDenied``). No models, not an installed app."""
