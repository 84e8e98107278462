"""Reaching people: waves, invitations and reminders by e-mail, letters, paper questionnaires, contacts and tokens."""
