"""A course as code: the build spec (a TOML or YAML file, or a folder of raw materials by
convention) that ``studio build`` turns into a project and keeps it in step with.

``model`` is the vocabulary (frozen dataclasses); ``reader`` reads and checks a spec file,
``folder`` infers a spec from a folder, ``writer`` writes a spec back as TOML.
"""
