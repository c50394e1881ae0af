/* SCORM 1.2 adapter (API object, cmi.core.* data model, 4096-character suspend data). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var T = CP.tracking;
  var F = T.format;
  var SUSPEND_MAX = 4096;
  var NOT_IMPLEMENTED = "401";

  function responseText(ia, value) {
    switch (ia.type) {
      case "choice": case "likert": return value === null ? "" : F.codeOf(ia.choices, value) || "";
      case "multiple":
        return (value || []).map(function (id) { return F.codeOf(ia.choices, id); })
          .filter(Boolean).sort().join(",");
      case "truefalse": return value ? "t" : "f";
      case "fill": return F.truncate(Array.isArray(value) ? value[0] || "" : value, 255);
      case "numeric":
        if (value && typeof value === "object") {
          return F.number(value.value !== null ? value.value : value.min !== null ? value.min : value.max);
        }
        return F.number(value);
      case "matching":
        return ia.sources.map(function (src) {
          var target = value ? value[src.id] : null;
          return target ? F.codeOf(ia.sources, src.id) + "." + F.codeOf(ia.targets, target, F.TARGET_CHARS) : null;
        }).filter(Boolean).join(",");
      case "sequencing":
        return (value || []).map(function (id) { return F.codeOf(ia.choices, id); }).filter(Boolean).join(",");
      default: return "";
    }
  }

  var TYPES = {
    choice: "choice", multiple: "choice", truefalse: "true-false", fill: "fill-in",
    numeric: "numeric", matching: "matching", sequencing: "sequencing", likert: "likert"
  };
  var RESULTS = { correct: "correct", incorrect: "wrong", neutral: "neutral" };

  function create(context) {
    var api = T.findApi(context.window, "API");
    if (!api) { return null; }

    var errors = [];
    var started = 0;
    var finished = false;
    var interactionsSupported = true;
    var interactionCount = 0;
    var initialStatus = "";
    var completion = false;
    var success = null;
    var lastStatus = null;
    var readOnly = false;

    function check(call, element) {
      var code = String(api.LMSGetLastError());
      if (code !== "0" && code !== "") { errors.push({ call: call, element: element || "", code: code }); }
      return code;
    }
    function get(element) {
      var value = api.LMSGetValue(element);
      var code = check("LMSGetValue", element);
      return code === "0" || code === "" ? String(value === null || value === undefined ? "" : value) : "";
    }
    function set(element, value) {
      if (finished) { return "301"; }
      api.LMSSetValue(element, String(value));
      return check("LMSSetValue", element);
    }

    function writeStatus() {
      var status;
      if (completion) { status = success === true ? "passed" : success === false ? "failed" : "completed"; }
      else { status = success === false ? "failed" : "incomplete"; }
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
        api.LMSInitialize("");
        check("LMSInitialize");
        started = Date.now();
        var mode = get("cmi.core.lesson_mode") || "normal";
        readOnly = mode === "browse" || mode === "review";
        initialStatus = get("cmi.core.lesson_status");
        if (!readOnly && (initialStatus === "not attempted" || initialStatus === "")) {
          lastStatus = "incomplete";
          set("cmi.core.lesson_status", "incomplete");
        }
        return {
          state: get("cmi.suspend_data") || null,
          location: get("cmi.core.lesson_location") || null,
          mode: mode
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
        if (!interactionsSupported || readOnly) { return; }
        var base = "cmi.interactions." + interactionCount + ".";
        if (set(base + "id", F.safeIdentifier(ia.id, 255)) === NOT_IMPLEMENTED) {
          interactionsSupported = false;
          return;
        }
        interactionCount += 1;
        set(base + "type", TYPES[ia.type]);
        set(base + "time", F.clockTime12(ia.timestamp));
        set(base + "weighting", F.number(ia.weighting));
        set(base + "student_response", F.truncate(responseText(ia, ia.response), 255));
        if (ia.correct !== null) {
          set(base + "correct_responses.0.pattern", F.truncate(responseText(ia, ia.correct), 255));
        }
        set(base + "result", RESULTS[ia.result]);
        set(base + "latency", F.timespan12(ia.latencyMs));
      },
      setScore: function (score) {
        if (readOnly) { return; }
        set("cmi.core.score.raw", F.number(score.raw));
        set("cmi.core.score.min", F.number(score.min));
        set("cmi.core.score.max", F.number(score.max));
      },
      setCompletion: function (done) { completion = done; writeStatus(); },
      setSuccess: function (passed) { success = passed; writeStatus(); },
      commit: function () {
        if (finished) { return; }
        api.LMSCommit("");
        check("LMSCommit");
      },
      finish: function (options) {
        if (finished) { return; }
        set("cmi.core.exit", options && options.suspend ? "suspend" : "");
        set("cmi.core.session_time", F.timespan12(Date.now() - started));
        api.LMSCommit("");
        check("LMSCommit");
        finished = true;
        api.LMSFinish("");
        check("LMSFinish");
      },
      canContinue: function () { return false; },
      requestContinue: function () { return false; }
    };
  }

  T.register("scorm12", create);
  CP.scorm12 = { responseText: responseText };
})(window);
