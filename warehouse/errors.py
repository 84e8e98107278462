"""Warehouse errors with messages a person can act on."""


class DatabaseBusy(RuntimeError):
    """Another process holds the database file for writing."""


class MigrationFailed(RuntimeError):
    """A migration could not be applied; the database is left at the previous version."""


class BackupRefused(RuntimeError):
    """A backup or a restore that would be unsafe or wrong, refused before anything is changed."""
