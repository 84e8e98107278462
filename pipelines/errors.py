"""Pipeline errors whose messages tell a person what went wrong and what to do."""


class PipelineError(RuntimeError):
    """Base class: the CLI prints the message alone, without a stack trace."""


class ReferenceMissing(PipelineError):
    pass


class FileRefused(PipelineError):
    """A whole file refused before anything landed (unreadable, or a required column missing)."""


class UnknownWave(PipelineError):
    pass


class WaveClosed(PipelineError):
    """A submission for a wave that has closed."""


class InvitationRefused(PipelineError):
    """A personal invitation link that is unknown or already used."""


class LinksUnreachable(PipelineError):
    """Letters or e-mails refused because their links would reach nobody: no public address, or a loopback one."""
