/* The one tracking interface every platform adapter implements, and the neutral interaction.

   adapter = {
     name, errors: [{call, element, code}],
     start()            -> {state: string|null, location: string|null, mode: "normal"|"review"|"browse",
                            learnerName: string|null (as the LMS or actor gives it),
                            failure: "initialize-failed" when the LMS refused to start (nothing else holds),
                            committed: false when the launch's own commit was refused (SCORM)}
     saveState(text)    resume state (see state.js)
     setLocation(text)  id of the current item
     setProgress(fraction 0..1)
     recordInteraction(interaction)       neutral interaction, see interactionFor below
     setScore({raw, min, max, scaled})    raw/min/max in percent, scaled 0..1
     setCompletion(bool) / setSuccess(true|false|null)
     setObjective({index, id, raw, min, max, scaled, status})   optional (SCORM): one per quiz
     commit()                             when, the player decides (commit_policy.js); the
                                          SCORM adapters write the session time first and
                                          answer false when the LMS did not keep the values
     finish({suspend: bool, unload: bool})   last call of a launch (unload: the page is dismissed)
     canContinue() -> bool; requestContinue()   multi-unit platforms (SCORM 2004 navigation)
   }
   The SCORM adapters read the LMS profile's switches themselves (lms_switches.js).
   Adapters register themselves with CoursePlayer.tracking.register(name, factory); factory(context)
   returns an adapter or null when its platform is absent (after context.fail(reason) when it
   knows why, e.g. "cmi5-fetch"). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer = global.CoursePlayer || {};
  var factories = {};

  function register(name, factory) { factories[name] = factory; }

  /* context: {window, courseId, unit}. A platform's adapter comes supervised
     (tracking_status.js: status(), onStatus(), retry()): when the platform is out of reach,
     local storage keeps the progress and the calls wait for it. */
  function create(name, context) {
    if (factories[name] && name !== "local") {
      return CP.trackingStatus.supervise(name, context, factories);
    }
    if (name !== "local" && global.console) {
      global.console.warn("Tracking '" + name + "' unavailable; using local.");
    }
    return factories.local(context);
  }

  /* ---- neutral interaction -------------------------------------------------------------- */

  /* The interaction type of each question type (SCORM 2004 RTE 4.2.9.1 cmi.interactions.n.type,
     xAPI 1.0.3 §2.4.4.1 interactionType), as the registry in studio/quiz/types.py declares it
     (a test holds the two equal). A type absent here (description) is never reported. */
  var INTERACTION_TYPES = {
    choice: "choice", multiple: "choice", truefalse: "true-false", fill: "fill-in",
    numeric: "numeric", matching: "matching", sequencing: "sequencing", likert: "likert",
    hotspot: "choice", dragdrop: "matching", essay: "long-fill-in"
  };

  /* Where each type keeps the options a response names: [field, text key]. choices: the
     options picked or ordered; sources/targets: the two sides of a matching. */
  var OPTIONS = {
    sequencing: { choices: ["items", "text"] },
    likert: { choices: ["scale", "text"] },
    hotspot: { choices: ["regions", "label"] },
    matching: { sources: ["pairs", "left"], targets: ["pairs", "right"] },
    dragdrop: { sources: ["items", "text"], targets: ["categories", "text"] }
  };
  var DEFAULT_OPTIONS = { choices: ["choices", "text"] };

  function optionList(question, role) {
    var where = (OPTIONS[question.type] || DEFAULT_OPTIONS)[role];
    return (where && question[where[0]] || []).map(function (item) {
      return { id: String(item.id), text: String(item[where[1]]) };
    });
  }

  function correctIds(entries) {
    return (entries || []).filter(function (c) { return c.correct === true; })
      .map(function (c) { return c.id; });
  }

  function correctResponse(q) {
    switch (q.type) {
      case "choice": {
        var first = correctIds(q.choices)[0];
        return first === undefined ? null : first;
      }
      case "multiple": return correctIds(q.choices);
      case "hotspot": return correctIds(q.regions);
      case "truefalse": return q.answer === true;
      case "fill": return (q.answers || []).slice();
      case "numeric":
        if (typeof q.value === "number") {
          var tol = Math.abs(q.tolerance || 0);
          return { value: q.value, min: q.value - tol, max: q.value + tol };
        }
        return {
          value: null,
          min: typeof q.min === "number" ? q.min : null,
          max: typeof q.max === "number" ? q.max : null
        };
      case "matching": {
        var pairs = {};
        (q.pairs || []).forEach(function (p) { pairs[p.id] = p.id; });
        return pairs;
      }
      case "dragdrop": {
        var placed = {};
        (q.items || []).forEach(function (item) { placed[item.id] = item.category; });
        return placed;
      }
      case "sequencing": return (q.items || []).map(function (i) { return i.id; });
      default: return null;
    }
  }

  /* The credit of an outcome (0..1; null: unscored), from scoring.js's credit, or from
     correct where an outcome carries no credit. */
  function creditOf(outcome) {
    if (!outcome || outcome.correct === null || outcome.correct === undefined) { return null; }
    if (typeof outcome.credit === "number") { return Math.max(0, Math.min(1, outcome.credit)); }
    return outcome.correct ? 1 : 0;
  }

  function resultOf(credit) {
    if (credit === null) { return "neutral"; }
    return credit >= 1 ? "correct" : credit <= 0 ? "incorrect" : "partial";
  }

  /* The neutral interaction, or null for a question that is not an interaction (description).
     {id, type: the question type, interaction: its interaction type, description,
      response: the learner response in the scoring structure (choice, likert: id; multiple,
        hotspot: [ids]; truefalse: bool; fill, essay: string; numeric: number; matching:
        {leftPairId: chosenPairId}; dragdrop: {itemId: categoryId}; sequencing: [ids in order]),
      correct: the correct response in the same structure (fill: [accepted answers], numeric:
        {value, min, max}; null when unscored),
      choices / sources / targets: [{id, text}] the options the responses name,
      result: "correct" | "incorrect" | "partial" | "neutral", credit: 0..1 (null: unscored),
      latencyMs, timestamp (ms since epoch), weighting: the points (0 when unscored)} */
  function interactionFor(question, response, outcome, meta) {
    var interaction = INTERACTION_TYPES[question.type];
    if (!interaction) { return null; }
    var credit = creditOf(outcome);
    var scored = CP.scoring.isScored(question);
    return {
      id: meta.id,
      type: question.type,
      interaction: interaction,
      description: String(question.prompt || ""),
      response: response,
      correct: scored ? correctResponse(question) : null,
      choices: optionList(question, "choices"),
      sources: optionList(question, "sources"),
      targets: optionList(question, "targets"),
      result: resultOf(credit),
      credit: credit,
      latencyMs: Math.max(0, meta.latencyMs || 0),
      timestamp: meta.timestamp || Date.now(),
      weighting: !scored ? 0 : (typeof question.points === "number" ? question.points : 1)
    };
  }

  /* ---- formats shared by the SCORM adapters ---------------------------------------------- */

  var CODE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  var TARGET_CHARS = "123456789abcdefghijklmnopqrstuvwxyz0";

  /* Positional single-character codes (SCORM 1.2 requires them; SCORM 2004 reuses them). */
  function codeOf(list, id, chars) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].id === id) { return (chars || CODE_CHARS).charAt(i) || "z"; }
    }
    return null;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) { s = "0" + s; }
    return s;
  }

  function formatNumber(x) {
    if (typeof x !== "number" || !isFinite(x)) { return ""; }
    return String(parseFloat(x.toFixed(6)));
  }

  /* CMITimespan, SCORM 1.2: HHHH:MM:SS.SS */
  function timespan12(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var hours = Math.floor(cs / 360000);
    var minutes = Math.floor(cs / 6000) % 60;
    var seconds = (cs % 6000) / 100;
    return pad(Math.min(hours, 9999), 4) + ":" + pad(minutes, 2) + ":" +
      pad(Math.floor(seconds), 2) + "." + pad(cs % 100, 2);
  }

  /* ISO 8601 duration, SCORM 2004: PT1H2M5.25S */
  function duration2004(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var hours = Math.floor(cs / 360000);
    var minutes = Math.floor(cs / 6000) % 60;
    var seconds = (cs % 6000) / 100;
    var out = "PT";
    if (hours) { out += hours + "H"; }
    if (minutes) { out += minutes + "M"; }
    return out + String(seconds) + "S";
  }

  function clockTime12(ms) {
    var d = new Date(ms);
    return pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2);
  }

  function timestamp2004(ms) {
    var iso = new Date(ms).toISOString();
    return iso.slice(0, 22) + "Z";
  }

  function truncate(text, max) {
    var s = String(text === null || text === undefined ? "" : text);
    return s.length > max ? s.slice(0, max) : s;
  }

  function safeIdentifier(text, max) {
    return truncate(String(text).replace(/[^A-Za-z0-9_.:-]/g, "_"), max) || "item";
  }

  /* The standard SCORM API discovery: walk up the parents, then the opener's parents. */
  function findApi(win, name) {
    function walk(w) {
      for (var depth = 0; w && depth < 500; depth += 1) {
        try { if (w[name]) { return w[name]; } } catch (err) { /* cross-origin frame */ }
        var parent;
        try { parent = w.parent; } catch (err2) { return null; }
        if (!parent || parent === w) { return null; }
        w = parent;
      }
      return null;
    }
    var api = walk(win);
    if (!api) {
      try { if (win.top && win.top.opener) { api = walk(win.top.opener); } } catch (err) { api = null; }
    }
    if (!api) {
      try { if (win.opener) { api = walk(win.opener); } } catch (err) { api = null; }
    }
    return api;
  }

  CP.tracking = {
    register: register,
    create: create,
    interactionFor: interactionFor,
    INTERACTION_TYPES: INTERACTION_TYPES,
    format: {
      codeOf: codeOf, CODE_CHARS: CODE_CHARS, TARGET_CHARS: TARGET_CHARS,
      number: formatNumber, timespan12: timespan12, duration2004: duration2004,
      clockTime12: clockTime12, timestamp2004: timestamp2004, truncate: truncate,
      safeIdentifier: safeIdentifier
    },
    findApi: findApi
  };
})(window);
