"""Accounts, roles and the audit log: who may sign in, as what, and what they did; used by the CLI and the app."""
