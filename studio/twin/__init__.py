"""The LMS twin: runs a package against a local LMS that behaves like a given LMS."""
