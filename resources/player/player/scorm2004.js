/* SCORM 2004 4th edition adapter (API_1484_11, cmi.* data model, adl.nav requests). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var T = CP.tracking;
  var F = T.format;
  var UNSUPPORTED = { "401": true, "402": true };
  var NOT_INITIALIZED = "403";

  /* Characters that would break the [,] [.] [:] delimiters or a leading {lang=} tag. */
  function plainText(text) {
    return String(text).replace(/\[/g, "(").replace(/\]/g, ")").replace(/^\{/, "(");
  }

  function responseText(ia, value) {
    switch (ia.type) {
      case "choice": case "likert": return value === null ? "" : F.codeOf(ia.choices, value) || "";
      case "multiple":
        return (value || []).map(function (id) { return F.codeOf(ia.choices, id); })
          .filter(Boolean).sort().join("[,]");
      case "truefalse": return value ? "true" : "false";
      case "fill": return F.truncate(plainText(Array.isArray(value) ? value[0] || "" : value), 250);
      case "numeric":
        if (value && typeof value === "object") {
          return (value.min !== null ? F.number(value.min) : "") + "[:]" +
            (value.max !== null ? F.number(value.max) : "");
        }
        return F.number(value);
      case "matching":
        return ia.sources.map(function (src) {
          var target = value ? value[src.id] : null;
          return target ? F.codeOf(ia.sources, src.id) + "[.]" + F.codeOf(ia.targets, target, F.TARGET_CHARS) : null;
        }).filter(Boolean).join("[,]");
      case "sequencing":
        return (value || []).map(function (id) { return F.codeOf(ia.choices, id); }).filter(Boolean).join("[,]");
      default: return "";
    }
  }

  var TYPES = {
    choice: "choice", multiple: "choice", truefalse: "true-false", fill: "fill-in",
    numeric: "numeric", matching: "matching", sequencing: "sequencing", likert: "likert"
  };

  function create(context) {
    var api = T.findApi(context.window, "API_1484_11");
    if (!api) { return null; }

    var errors = [];
    var started = 0;
    var finished = false;
    var interactionsSupported = true;
    var interactionCount = 0;
    var written = {};
    var readOnly = false;
    var initialCompletion = "";

    function check(call, element, tolerated) {
      var code = String(api.GetLastError());
      if (code !== "0" && code !== "" && code !== tolerated) {
        errors.push({ call: call, element: element || "", code: code });
      }
      return code;
    }
    /* Reading an element the LMS never set answers 403: that simply means "empty". */
    function get(element) {
      var value = api.GetValue(element);
      var code = check("GetValue", element, NOT_INITIALIZED);
      return code === "0" || code === "" ? String(value === null || value === undefined ? "" : value) : "";
    }
    function set(element, value) {
      if (finished) { return "143"; }
      api.SetValue(element, String(value));
      return check("SetValue", element);
    }
    function setOnce(element, value) {
      if (written[element] === value || readOnly) { return; }
      written[element] = value;
      set(element, value);
    }

    return {
      name: "scorm2004",
      errors: errors,
      start: function () {
        api.Initialize("");
        check("Initialize");
        started = Date.now();
        var mode = get("cmi.mode") || "normal";
        readOnly = mode === "browse" || mode === "review";
        var entry = get("cmi.entry");
        initialCompletion = get("cmi.completion_status");
        if (!readOnly && initialCompletion !== "completed") { setOnce("cmi.completion_status", "incomplete"); }
        var resumable = entry !== "ab-initio";
        return {
          state: resumable ? get("cmi.suspend_data") || null : null,
          location: resumable ? get("cmi.location") || null : null,
          mode: mode
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
        if (!interactionsSupported || readOnly) { return; }
        var base = "cmi.interactions." + interactionCount + ".";
        if (UNSUPPORTED[set(base + "id", F.safeIdentifier(ia.id, 4000))]) {
          interactionsSupported = false;
          return;
        }
        interactionCount += 1;
        set(base + "type", TYPES[ia.type]);
        set(base + "description", F.truncate(ia.description, 250));
        set(base + "timestamp", F.timestamp2004(ia.timestamp));
        set(base + "weighting", F.number(ia.weighting));
        set(base + "learner_response", responseText(ia, ia.response));
        if (ia.correct !== null) {
          set(base + "correct_responses.0.pattern", responseText(ia, ia.correct));
        }
        set(base + "result", ia.result);
        set(base + "latency", F.duration2004(ia.latencyMs));
      },
      setScore: function (score) {
        if (readOnly) { return; }
        set("cmi.score.scaled", F.number(score.scaled));
        set("cmi.score.raw", F.number(score.raw));
        set("cmi.score.min", F.number(score.min));
        set("cmi.score.max", F.number(score.max));
      },
      setCompletion: function (done) {
        if (!done && initialCompletion === "completed") { return; }
        setOnce("cmi.completion_status", done ? "completed" : "incomplete");
      },
      setSuccess: function (passed) {
        if (passed === null || passed === undefined) { return; }
        setOnce("cmi.success_status", passed ? "passed" : "failed");
      },
      commit: function () {
        if (finished) { return; }
        api.Commit("");
        check("Commit");
      },
      finish: function (options) {
        if (finished) { return; }
        set("cmi.exit", options && options.suspend ? "suspend" : "normal");
        set("cmi.session_time", F.duration2004(Date.now() - started));
        api.Commit("");
        check("Commit");
        finished = true;
        api.Terminate("");
        check("Terminate");
      },
      canContinue: function () {
        if (finished) { return false; }
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
  CP.scorm2004 = { responseText: responseText };
})(window);
