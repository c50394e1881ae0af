"""The LMS twin: runs an exported package against a local LMS that behaves as a profile says.

The room sits between export and the faces: it imports the domain, media and export rooms,
and the faces import it. ``paths`` names the scripted learner's paths, ``journal`` the record
of what happened on each (calls, commits, what the LMS kept), ``runtime`` finds the SCORM
run-time (scorm-again), ``server`` serves a package to the engine, ``engine``/``qt_engine``
drive a browser engine and ``runner`` runs the paths as a job.
"""
