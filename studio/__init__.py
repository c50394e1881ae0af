"""Course Studio: assemble video, slides and quizzes into courses and export LMS packages."""

__version__ = "0.1.0"
