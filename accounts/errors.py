"""Account errors whose messages are safe to show the person who caused them."""


class AccountError(RuntimeError):
    """An account that cannot be made or changed as asked (unknown role, organisation, weak password)."""


class SignInRefused(AccountError):
    """Wrong username or password, or a locked account; the message is safe to show."""
