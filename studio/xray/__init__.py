"""Course X-ray: what learners did (xAPI statements from an LRS or a file, SCORM interaction
reports), measured and mapped back onto the course's current timeline.

``rows`` is the vocabulary (the learner-data table, the statement IRIs, the id formats);
``result`` the measures as the faces show them. See ARCHITECTURE.md, "Course X-ray"."""
