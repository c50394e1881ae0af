"""The typed error hierarchy. Every error a user can cause carries a message meant for them."""


class StudioError(Exception):
    """Base of every error the studio reports to a person (CLI line, UI dialog)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotAProjectError(StudioError):
    """The folder is not a course project."""


class ProjectExistsError(StudioError):
    """A project (or another file) already stands where a new one was asked for."""


class ProjectVersionError(StudioError):
    """The project was written by a newer version of the studio."""


class ForeignDatabaseError(NotAProjectError):
    """The project's ``course.db`` is another program's SQLite file (left untouched)."""


class ProjectDamagedError(NotAProjectError):
    """``course.db`` fails SQLite's integrity check: edits are refused, recovery is offered."""


class NotFoundError(StudioError):
    """A module, lesson, item, asset or file that was named does not exist."""


class InvalidEditError(StudioError):
    """An edit that cannot apply (bad range, wrong kind, nothing to undo...)."""


class ImportFileError(StudioError):
    """A file given to import cannot be used (missing, unreadable, wrong kind)."""


class ProjectWriteError(StudioError):
    """The project could not be written (read-only folder, disk full)."""


class ProjectReadOnlyError(ProjectWriteError):
    """The project is write-protected: it can be listed, previewed and exported, not edited."""


class ProjectBusyError(ProjectWriteError):
    """Another process kept the project locked for longer than an edit waits."""


class MediaError(StudioError):
    """Probing or rendering media failed."""


class ExportError(StudioError):
    """A package could not be written."""


class PackageInvalidError(StudioError):
    """A package does not pass validation."""


class TwinError(StudioError):
    """The LMS twin cannot run: its run-time or browser engine is missing, or a package it
    was given cannot be launched."""


class ClusterError(StudioError):
    """A render cluster cannot run a batch: dask is not installed, the scheduler cannot be
    reached, or a job's worker kept dying."""


class Cancelled(Exception):
    """A job noticed its cancellation token. Not an error: faces ignore it quietly."""


class BrandKitError(StudioError):
    """A brand kit cannot be used: a kit file, key or value that is wrong or missing (the
    message names the file and the key), or an unknown built-in kit."""


class ContrastError(StudioError):
    """A brand kit's colours fail WCAG 2.2 AA contrast; the message lists the failing pairs
    with their ratios, and ``failures`` holds them."""

    def __init__(self, message: str, failures: tuple = ()):
        super().__init__(message)
        self.failures = failures


class TranslationFileError(ImportFileError):
    """A translation file (XLIFF) cannot be used: not XLIFF, broken XML, an unsupported
    version, another course's file, or a segment whose placeholders do not match its source;
    or cannot be written: a text holds a character XML cannot carry. The message is one line
    and names the file and, where it is one, the segment."""


class LearnerDataError(StudioError):
    """Learner data cannot be read or kept: a statements file, an LRS, a SCORM report or the
    X-ray cache (held by another process, damaged). The message is one line naming the file
    or address and why."""


class SpecError(StudioError):
    """A build spec cannot be used: a spec file that does not parse, a key or value that is
    wrong, a file it names that is missing, or a folder that cannot be read as a spec. The
    message is one line naming the file and the place (``course.toml:
    modules[1].lessons[0].items[2]: …``)."""


class BuildError(StudioError):
    """A spec cannot be built into the target it names: a folder that is no project, or a
    project that was not built from a spec. The message is one line naming the target."""
