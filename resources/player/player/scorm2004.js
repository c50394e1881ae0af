/* SCORM 2004 4th edition adapter (API_1484_11, cmi.* data model, adl.nav requests). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var T = CP.tracking;
  var F = T.format;
  var S = CP.scormCommon;
  var RESPONSE_MAX = 4000;  /* characters of a learner response or pattern this player writes */
  var CALLS = {
    initialize: "Initialize", getValue: "GetValue", setValue: "SetValue",
    commit: "Commit", terminate: "Terminate", lastError: "GetLastError"
  };
  /* Reading an element the LMS never set answers 403: that simply means "empty". */
  var CODES = { closed: "143", emptyRead: "403", noInteractions: { "401": true, "402": true } };

  /* Characters that would break the [,] [.] [:] delimiters or a leading {lang=} tag. */
  function plainText(text) {
    return String(text).replace(/\[/g, "(").replace(/\]/g, ")").replace(/^\{/, "(");
  }

  var responseText = S.responseEncoder({
    list: "[,]",
    pair: "[.]",
    yes: "true",
    no: "false",
    fill: function (text) { return F.truncate(plainText(text), 250); },
    longFill: function (text) { return F.truncate(plainText(text), RESPONSE_MAX); },
    range: function (value) {
      return (value.min !== null ? F.number(value.min) : "") + "[:]" +
        (value.max !== null ? F.number(value.max) : "");
    }
  });

  /* cmi.interactions.n values of a neutral interaction (SCORM 2004 RTE 4.2.9): {type,
     learner_response, correct_responses: [pattern] ([] when unscored), result}; responses and
     patterns cut to limit characters (at most 4000; long-fill-in RTE 4.2.9.2). */
  function interactionValues(ia, limit) {
    var max = Math.min(limit || RESPONSE_MAX, RESPONSE_MAX);
    return {
      type: ia.interaction,
      learner_response: F.truncate(responseText(ia, ia.response), max),
      correct_responses: ia.correct === null ? [] : [F.truncate(responseText(ia, ia.correct), max)],
      result: S.resultText(ia, "incorrect")
    };
  }

  function create(context) {
    var api = T.findApi(context.window, "API_1484_11");
    if (!api) { return null; }

    var sw = CP.lmsSwitches.resolve(context.window.COURSE_DATA);
    var errors = [];
    var lms = S.session(api, CALLS, CODES, errors);
    var set = lms.set;
    var get = lms.get;
    var started = 0;
    var written = {};
    var readOnly = false;
    var initialCompletion = "";
    var completion = false;
    var success = null;

    /* SCORM 2004 RTE cmi.exit: "normal" is the plain exit of a completed attempt. */
    function exitValue(complete) {
      return complete ? sw.exit_complete || "normal" : sw.exit_incomplete;
    }

    function setOnce(element, value) {
      if (written[element] === value || readOnly) { return; }
      written[element] = value;
      set(element, value);
    }

    function writeStatus() {
      var said = CP.lmsSwitches.outcome(sw.status_pair, completion, success, sw.completed_when_failed);
      if (said.success !== null) { setOnce("cmi.success_status", said.success ? "passed" : "failed"); }
      if (said.completed || initialCompletion !== "completed") {
        setOnce("cmi.completion_status", said.completed ? "completed" : "incomplete");
      }
    }

    function writeExit(complete) { setOnce("cmi.exit", exitValue(complete)); }

    /* SCORM 2004 RTE 4.2 cmi.session_time: the time since Initialize, written before
       every commit so that any kept commit carries it (an LMS may drop the last). */
    function commit() {
      set("cmi.session_time", F.duration2004(Date.now() - started));
      return lms.commit();
    }

    return {
      name: "scorm2004",
      errors: errors,
      start: function () {
        if (!lms.initialize()) {
          return { state: null, location: null, mode: "normal", failure: "initialize-failed" };
        }
        started = Date.now();
        var mode = get("cmi.mode") || (sw.lesson_mode_missing_is_normal ? "normal" : "browse");
        readOnly = mode === "browse" || mode === "review";
        var entry = get("cmi.entry");
        initialCompletion = get("cmi.completion_status");
        if (!readOnly && initialCompletion !== "completed") { setOnce("cmi.completion_status", "incomplete"); }
        var kept = true;
        if (!readOnly) {
          /* committed now: a tab closed abruptly still leaves a resumable attempt */
          writeExit(initialCompletion === "completed");
          kept = commit();
        }
        var resumable = entry !== "ab-initio";
        return {
          committed: kept,
          state: resumable ? get("cmi.suspend_data") || null : null,
          location: resumable ? get("cmi.location") || null : null,
          mode: mode,
          learnerName: get("cmi.learner_name") || null
        };
      },
      saveState: function (text) { set("cmi.suspend_data", text); },
      setLocation: function (text) { set("cmi.location", F.truncate(text, 1000)); },
      setProgress: function (fraction) {
        if (readOnly) { return; }
        var value = Math.max(0, Math.min(1, fraction));
        setOnce("cmi.progress_measure", F.number(Math.round(value * 10000) / 10000));
      },
      recordInteraction: function (ia) {
        if (readOnly) { return; }
        var base = lms.openInteraction(F.safeIdentifier(ia.id, 4000));
        if (!base) { return; }
        var values = interactionValues(ia, sw.response_limit);
        set(base + "type", values.type);
        set(base + "description", F.truncate(ia.description, 250));
        set(base + "timestamp", F.timestamp2004(ia.timestamp));
        set(base + "weighting", F.number(ia.weighting));
        set(base + "learner_response", values.learner_response);
        values.correct_responses.forEach(function (pattern, n) {
          set(base + "correct_responses." + n + ".pattern", pattern);
        });
        set(base + "result", values.result);
        set(base + "latency", F.duration2004(ia.latencyMs));
      },
      setScore: function (score) {
        if (readOnly) { return; }
        set("cmi.score.scaled", F.number(score.scaled));
        set("cmi.score.raw", F.number(score.raw));
        if (sw.always_score_max) {
          set("cmi.score.min", F.number(score.min));
          set("cmi.score.max", F.number(score.max));
        }
      },
      /* objective: {index, id, raw, min, max, scaled, status: "passed"|"failed"|"completed"|"incomplete"}
         (SCORM 2004 RTE cmi.objectives: success_status and completion_status per objective) */
      setObjective: function (objective) {
        if (readOnly) { return; }
        var base = "cmi.objectives." + objective.index + ".";
        setOnce(base + "id", F.safeIdentifier(objective.id, 4000));
        if (objective.raw !== null) {
          set(base + "score.scaled", F.number(objective.scaled));
          set(base + "score.raw", F.number(objective.raw));
          if (sw.always_score_max) {
            set(base + "score.min", F.number(objective.min));
            set(base + "score.max", F.number(objective.max));
          }
        }
        if (objective.status === "passed" || objective.status === "failed") {
          setOnce(base + "success_status", objective.status);
        }
        setOnce(base + "completion_status", objective.status === "incomplete" ? "incomplete" : "completed");
      },
      setCompletion: function (done) { completion = done; writeStatus(); writeExit(done); },
      setSuccess: function (passed) { success = passed; writeStatus(); },
      commit: commit,
      finish: function (options) {
        var suspend = options && options.suspend;
        lms.finish([
          ["cmi.exit", exitValue(!suspend)],
          ["cmi.session_time", F.duration2004(Date.now() - started)]
        ], !(options && options.unload) || sw.finish_on_exit);
      },
      canContinue: function () {
        if (lms.isFinished()) { return false; }
        var valid = get("adl.nav.request_valid.continue");
        return valid === "true" || valid === "unknown";
      },
      requestContinue: function () {
        if (!this.canContinue()) { return false; }
        set("adl.nav.request", "continue");
        return true;
      }
    };
  }

  T.register("scorm2004", create);
  CP.scorm2004 = { responseText: responseText, interactionValues: interactionValues };
})(window);
