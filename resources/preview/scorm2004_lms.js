/* The LMS side of the studio's learner preview: a SCORM 2004 4th edition run-time API object
   (API_1484_11, RTE 3.1) that keeps one learner's data model in the page and reports every call,
   in order, as one console line "<channel>{json}" the studio reads. The studio replaces
   __CHANNEL__ with a token of its own before the page is created. */
(function (global) {
  "use strict";

  var CHANNEL = "__CHANNEL__";
  var READ_ONLY = {
    "cmi._version": "1.0", "cmi.mode": "normal", "cmi.entry": "ab-initio", "cmi.credit": "credit",
    "cmi.learner_id": "preview-learner", "cmi.learner_name": "Learner, Preview",
    "cmi.total_time": "PT0S", "cmi.launch_data": "", "cmi.time_limit_action": "continue,no message",
    "adl.nav.request_valid.continue": "false", "adl.nav.request_valid.previous": "false"
  };
  var WRITE_ONLY = { "cmi.exit": true, "cmi.session_time": true };
  /* RTE Table 3.1.7.6a: the codes this run-time answers */
  var MESSAGES = {
    "0": "No Error", "101": "General Exception", "103": "Already Initialized",
    "104": "Content Instance Terminated", "112": "Termination Before Initialization",
    "113": "Termination After Termination", "122": "Retrieve Data Before Initialization",
    "123": "Retrieve Data After Termination", "132": "Store Data Before Initialization",
    "133": "Store Data After Termination", "142": "Commit Before Initialization",
    "143": "Commit After Termination", "201": "General Argument Error",
    "301": "General Get Failure", "351": "General Set Failure",
    "401": "Undefined Data Model Element", "403": "Data Model Element Value Not Initialized",
    "404": "Data Model Element Is Read Only", "405": "Data Model Element Is Write Only"
  };
  var state = "new"; // new -> running -> ended
  var lastError = "0";
  var values = {};
  var interactions = 0;

  function report(call, args, result) {
    global.console.info(CHANNEL + JSON.stringify({ call: call, args: args, result: String(result),
      error: lastError, at: Date.now() }));
  }
  function done(call, args, result, code) {
    lastError = code;
    report(call, args, result);
    return result;
  }
  function known(element) {
    return /^(cmi|adl)\./.test(element);
  }
  function interactionSlot(element) {
    var match = /^cmi\.interactions\.(\d+)\./.exec(element);
    return match ? parseInt(match[1], 10) : null;
  }

  function getValue(element) {
    var args = [element];
    if (state === "new") { return done("GetValue", args, "", "122"); }
    if (state === "ended") { return done("GetValue", args, "", "123"); }
    if (!element) { return done("GetValue", args, "", "301"); }
    if (element === "cmi.interactions._count") { return done("GetValue", args, String(interactions), "0"); }
    if (Object.prototype.hasOwnProperty.call(READ_ONLY, element)) {
      return done("GetValue", args, READ_ONLY[element], "0");
    }
    if (WRITE_ONLY[element]) { return done("GetValue", args, "", "405"); }
    if (Object.prototype.hasOwnProperty.call(values, element)) { return done("GetValue", args, values[element], "0"); }
    if (element === "cmi.completion_status" || element === "cmi.success_status") {
      return done("GetValue", args, "unknown", "0");
    }
    return done("GetValue", args, "", known(element) ? "403" : "401");
  }

  function setValue(element, value) {
    var args = [element, String(value)];
    if (state === "new") { return done("SetValue", args, "false", "132"); }
    if (state === "ended") { return done("SetValue", args, "false", "133"); }
    if (!known(element)) { return done("SetValue", args, "false", "401"); }
    if (Object.prototype.hasOwnProperty.call(READ_ONLY, element) || /\._count$/.test(element)) {
      return done("SetValue", args, "false", "404");
    }
    var slot = interactionSlot(element);
    if (slot !== null) {
      if (slot > interactions || (slot === interactions && !/\.id$/.test(element))) {
        return done("SetValue", args, "false", "351");
      }
      if (slot === interactions) { interactions += 1; }
    }
    values[element] = String(value);
    return done("SetValue", args, "true", "0");
  }

  function lifecycle(call, from, to, codes) {
    return function (parameter) {
      var args = [String(parameter === undefined ? "" : parameter)];
      if (args[0] !== "") { return done(call, args, "false", "201"); }
      if (state !== from) { return done(call, args, "false", codes[state]); }
      state = to;
      return done(call, args, "true", "0");
    };
  }

  global.API_1484_11 = {
    Initialize: lifecycle("Initialize", "new", "running", { running: "103", ended: "104" }),
    Terminate: lifecycle("Terminate", "running", "ended", { "new": "112", ended: "113" }),
    Commit: lifecycle("Commit", "running", "running", { "new": "142", ended: "143" }),
    GetValue: getValue,
    SetValue: setValue,
    GetLastError: function () { return lastError; },
    GetErrorString: function (code) { return MESSAGES[String(code)] || ""; },
    GetDiagnostic: function (code) { return MESSAGES[String(code || lastError)] || ""; }
  };
})(window);
