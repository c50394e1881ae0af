/* A minimal LMS for the audit: the SCORM 1.2 API and SCORM 2004 API_1484_11 objects a SCO
   looks for in its parents (SCORM 1.2 RTE 3.3.6.1; SCORM 2004 RTE 3.1.2.1), answering every
   call with success and keeping what is set, so a SCORM package plays without a real LMS: as a
   first attempt, and as a resumed one when it launches again after a suspended exit. Nothing
   is recorded: the audit looks at the screen, not at tracking. */
(function (global) {
  "use strict";

  function Api(defaults) {
    var values = {};
    Object.keys(defaults).forEach(function (k) { values[k] = defaults[k]; });
    function ok() { return "true"; }
    /* a SCO left suspended is resumed at its next launch (SCORM 1.2 RTE 3.4.2.2 cmi.core.entry;
       SCORM 2004 RTE 4.2.8 cmi.entry) */
    function finish(exitName, entryName) {
      return function () { values[entryName] = values[exitName] === "suspend" ? "resume" : ""; return "true"; };
    }
    function get(name) { return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : ""; }
    function set(name, value) { values[name] = String(value); return "true"; }
    function error() { return "0"; }
    function none() { return ""; }
    return { ok: ok, get: get, set: set, error: error, none: none, finish: finish };
  }

  var v12 = Api({ "cmi.core.entry": "ab-initio", "cmi.core.lesson_mode": "normal", "cmi.core.credit": "credit",
    "cmi.core.lesson_status": "not attempted", "cmi.core.student_name": "Learner, Audit",
    "cmi.core.student_id": "audit", "cmi.interactions._count": "0", "cmi.objectives._count": "0" });
  global.API = {
    LMSInitialize: v12.ok, LMSFinish: v12.finish("cmi.core.exit", "cmi.core.entry"), LMSGetValue: v12.get, LMSSetValue: v12.set,
    LMSCommit: v12.ok, LMSGetLastError: v12.error, LMSGetErrorString: v12.none, LMSGetDiagnostic: v12.none
  };
  var v2004 = Api({ "cmi.entry": "ab-initio", "cmi.mode": "normal", "cmi.credit": "credit",
    "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.learner_name": "Learner, Audit",
    "cmi.learner_id": "audit", "cmi.interactions._count": "0", "cmi.objectives._count": "0" });
  global.API_1484_11 = {
    Initialize: v2004.ok, Terminate: v2004.finish("cmi.exit", "cmi.entry"), GetValue: v2004.get, SetValue: v2004.set,
    Commit: v2004.ok, GetLastError: v2004.error, GetErrorString: v2004.none, GetDiagnostic: v2004.none
  };
})(window);
