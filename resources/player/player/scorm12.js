/* SCORM 1.2 adapter (API object, cmi.core.* data model, 4096-character suspend data). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var T = CP.tracking;
  var F = T.format;
  var S = CP.scormCommon;
  var SUSPEND_MAX = 4096;
  var RESPONSE_MAX = 255;
  var CALLS = {
    initialize: "LMSInitialize", getValue: "LMSGetValue", setValue: "LMSSetValue",
    commit: "LMSCommit", terminate: "LMSFinish", lastError: "LMSGetLastError"
  };
  var CODES = { closed: "301", noInteractions: { "401": true } };

  var responseText = S.responseEncoder({
    list: ",",
    pair: ".",
    yes: "t",
    no: "f",
    fill: function (text) { return F.truncate(text, RESPONSE_MAX); },
    longFill: function (text) { return F.truncate(text, RESPONSE_MAX); },
    range: function (value) {
      return F.number(value.value !== null ? value.value : value.min !== null ? value.min : value.max);
    }
  });

  /* cmi.interactions.n values of a neutral interaction (SCORM 1.2 RTE 3.4.3): {type,
     student_response, correct_responses: [pattern] ([] when unscored), result}; responses and
     patterns cut to limit characters (at most 255, CMIString255). SCORM 1.2 has no
     long-fill-in: an essay is a fill-in cut to the limit. */
  function interactionValues(ia, limit) {
    var max = Math.min(limit || RESPONSE_MAX, RESPONSE_MAX);
    return {
      type: ia.interaction === "long-fill-in" ? "fill-in" : ia.interaction,
      student_response: F.truncate(responseText(ia, ia.response), max),
      correct_responses: ia.correct === null ? [] : [F.truncate(responseText(ia, ia.correct), max)],
      result: S.resultText(ia, "wrong")
    };
  }

  /* SCORM 1.2 RTE cmi.core.exit has no "normal": "" says the same. */
  function exitValue(value) { return value === "normal" ? "" : value; }

  function create(context) {
    var api = T.findApi(context.window, "API");
    if (!api) { return null; }

    var sw = CP.lmsSwitches.resolve(context.window.COURSE_DATA);
    var errors = [];
    var lms = S.session(api, CALLS, CODES, errors);
    var set = lms.set;
    var get = lms.get;
    var started = 0;
    var initialStatus = "";
    var completion = false;
    var success = null;
    var lastStatus = null;
    var lastExit = null;
    var readOnly = false;

    function writeExit(complete) {
      var value = exitValue(complete ? sw.exit_complete : sw.exit_incomplete);
      if (readOnly || value === lastExit) { return; }
      lastExit = value;
      set("cmi.core.exit", value);
    }

    /* SCORM 1.2 RTE 3.4 cmi.core.session_time: the time since LMSInitialize, written
       before every commit so that any kept commit carries it (an LMS may drop the last). */
    function commit() {
      set("cmi.core.session_time", F.timespan12(Date.now() - started));
      return lms.commit();
    }

    function writeStatus() {
      var status = CP.lmsSwitches.outcome(sw.status_pair, completion, success, false).lesson;
      var alreadyDone = initialStatus === "completed" || initialStatus === "passed";
      if (status === "incomplete" && alreadyDone) { return; }
      if (status === lastStatus || readOnly) { return; }
      lastStatus = status;
      set("cmi.core.lesson_status", status);
    }

    return {
      name: "scorm12",
      errors: errors,
      start: function () {
        if (!lms.initialize()) {
          return { state: null, location: null, mode: "normal", failure: "initialize-failed" };
        }
        started = Date.now();
        var mode = get("cmi.core.lesson_mode") || (sw.lesson_mode_missing_is_normal ? "normal" : "browse");
        readOnly = mode === "browse" || mode === "review";
        initialStatus = get("cmi.core.lesson_status");
        if (!readOnly && (initialStatus === "not attempted" || initialStatus === "")) {
          lastStatus = "incomplete";
          set("cmi.core.lesson_status", "incomplete");
        }
        var kept = true;
        if (!readOnly) {
          /* committed now: a tab closed abruptly still leaves a resumable attempt */
          writeExit(initialStatus === "completed" || initialStatus === "passed");
          kept = commit();
        }
        return {
          committed: kept,
          state: get("cmi.suspend_data") || null,
          location: get("cmi.core.lesson_location") || null,
          mode: mode,
          learnerName: get("cmi.core.student_name") || null
        };
      },
      saveState: function (text) {
        if (text.length > SUSPEND_MAX) {
          errors.push({ call: "saveState", element: "cmi.suspend_data", code: "length" });
          return;
        }
        set("cmi.suspend_data", text);
      },
      setLocation: function (text) { set("cmi.core.lesson_location", F.truncate(text, 255)); },
      setProgress: function () { /* SCORM 1.2 has no progress element */ },
      recordInteraction: function (ia) {
        if (readOnly) { return; }
        var base = lms.openInteraction(F.safeIdentifier(ia.id, 255));
        if (!base) { return; }
        var values = interactionValues(ia, sw.response_limit);
        set(base + "type", values.type);
        set(base + "time", F.clockTime12(ia.timestamp));
        set(base + "weighting", F.number(ia.weighting));
        set(base + "student_response", values.student_response);
        values.correct_responses.forEach(function (pattern, n) {
          set(base + "correct_responses." + n + ".pattern", pattern);
        });
        set(base + "result", values.result);
        set(base + "latency", F.timespan12(ia.latencyMs));
      },
      setScore: function (score) {
        if (readOnly) { return; }
        set("cmi.core.score.raw", F.number(score.raw));
        if (sw.always_score_max) {
          set("cmi.core.score.min", F.number(score.min));
          set("cmi.core.score.max", F.number(score.max));
        }
      },
      /* objective: {index, id, raw, min, max, status: "passed"|"failed"|"completed"|"incomplete"} */
      setObjective: function (objective) {
        if (readOnly) { return; }
        var base = "cmi.objectives." + objective.index + ".";
        set(base + "id", F.safeIdentifier(objective.id, 255));
        if (objective.raw !== null) {
          set(base + "score.raw", F.number(objective.raw));
          if (sw.always_score_max) {
            set(base + "score.min", F.number(objective.min));
            set(base + "score.max", F.number(objective.max));
          }
        }
        set(base + "status", objective.status);
      },
      setCompletion: function (done) { completion = done; writeStatus(); writeExit(done); },
      setSuccess: function (passed) { success = passed; writeStatus(); },
      commit: commit,
      finish: function (options) {
        var suspend = options && options.suspend;
        lms.finish([
          ["cmi.core.exit", exitValue(suspend ? sw.exit_incomplete : sw.exit_complete)],
          ["cmi.core.session_time", F.timespan12(Date.now() - started)]
        ], !(options && options.unload) || sw.finish_on_exit);
      },
      canContinue: function () { return false; },
      requestContinue: function () { return false; }
    };
  }

  T.register("scorm12", create);
  CP.scorm12 = { responseText: responseText, interactionValues: interactionValues };
})(window);
