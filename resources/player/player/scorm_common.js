/* What the SCORM 1.2 and SCORM 2004 adapters share: the learner-response encoding (each edition
   brings its own delimiters), the interaction result, and the error-checked session with the
   LMS's API object (each edition brings its own method names and codes). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var F = CP.tracking.format;

  function codesOf(options, ids) {
    return (Array.isArray(ids) ? ids : []).map(function (id) { return F.codeOf(options, id); })
      .filter(Boolean);
  }

  /* A learner's text on one line: run-times that check responses with "." patterns
     (scorm-again) refuse a line break, so each becomes a space. */
  function oneLine(text) {
    return String(text === null || text === undefined ? "" : text).replace(/\r\n|[\n\r\u2028\u2029]/g, " ");
  }

  /* dialect: {list, pair: delimiters; yes, no: true-false words;
               fill(text), longFill(text), range({value, min, max}): the edition's own encodings}
     Options are coded by position (F.codeOf), sources and choices a, b..., targets 1, 2... */
  function responseEncoder(dialect) {
    return function responseText(ia, value) {
      switch (ia.type) {
        case "choice": case "likert": return value === null ? "" : F.codeOf(ia.choices, value) || "";
        case "multiple": case "hotspot": return codesOf(ia.choices, value).sort().join(dialect.list);
        case "truefalse": return value ? dialect.yes : dialect.no;
        case "fill": return dialect.fill(oneLine(Array.isArray(value) ? value[0] || "" : value));
        case "essay": return dialect.longFill(oneLine(value));
        case "numeric":
          return value && typeof value === "object" ? dialect.range(value) : F.number(value);
        case "matching": case "dragdrop":
          return ia.sources.map(function (src) {
            var target = value ? value[src.id] : null;
            var code = target ? F.codeOf(ia.targets, target, F.TARGET_CHARS) : null;
            return code ? F.codeOf(ia.sources, src.id) + dialect.pair + code : null;
          }).filter(Boolean).join(dialect.list);
        case "sequencing": return codesOf(ia.choices, value).join(dialect.list);
        default: return "";
      }
    };
  }

  /* cmi.interactions.n.result of a neutral interaction: correct, the edition's word for
     incorrect ("wrong" in SCORM 1.2), neutral, or the credit as a decimal when partly right
     (SCORM 1.2 RTE 3.4.3 CMIDecimal, SCORM 2004 RTE 4.2.9.1 real(10,7)). */
  function resultText(ia, incorrect) {
    if (ia.result === "partial") { return F.number(ia.credit); }
    return ia.result === "incorrect" ? incorrect : ia.result;
  }

  /* calls: the API's method names {initialize, getValue, setValue, commit, terminate, lastError};
     codes: {closed: answered to a write after the session ended, emptyRead: a read error that
     only means "never set" (optional), noInteractions: {code: true} for "keeps no interactions"}.
     Every failed call is pushed to errors as {call, element, code}. */
  function session(api, calls, codes, errors) {
    var finished = false;
    var interactionsSupported = true;
    var interactionCount = 0;

    function check(call, element, tolerated) {
      var code = String(api[calls.lastError]());
      if (code !== "0" && code !== "" && code !== tolerated) {
        errors.push({ call: call, element: element || "", code: code });
      }
      return code;
    }
    /* true when the LMS answered "true" and no error code */
    function invoke(call) {
      var result = api[call]("");
      var code = check(call);
      return String(result) === "true" && (code === "0" || code === "");
    }
    function get(element) {
      var value = api[calls.getValue](element);
      var code = check(calls.getValue, element, codes.emptyRead);
      return code === "0" || code === "" ? String(value === null || value === undefined ? "" : value) : "";
    }
    function set(element, value) {
      if (finished) { return codes.closed; }
      api[calls.setValue](element, String(value));
      return check(calls.setValue, element);
    }

    return {
      get: get,
      set: set,
      isFinished: function () { return finished; },
      /* false: the LMS refused to start the session (Initialize answered false) */
      initialize: function () { return invoke(calls.initialize); },
      /* false: the LMS did not keep the values (Commit answered false or an error code) */
      commit: function () {
        return finished ? true : invoke(calls.commit);
      },
      /* lastValues: [[element, value], ...] written, in order, before the final commit;
         terminate false: commit only, the session stays open (an LMS that ends it itself). */
      finish: function (lastValues, terminate) {
        if (finished) { return; }
        lastValues.forEach(function (pair) { set(pair[0], pair[1]); });
        invoke(calls.commit);
        if (terminate === false) { return; }
        finished = true;
        invoke(calls.terminate);
      },
      /* Claims the next cmi.interactions.n slot by writing its id; answers the slot's element
         prefix, or null once the LMS has said it keeps no interactions. */
      openInteraction: function (id) {
        if (!interactionsSupported) { return null; }
        var base = "cmi.interactions." + interactionCount + ".";
        if (codes.noInteractions[set(base + "id", id)]) {
          interactionsSupported = false;
          return null;
        }
        interactionCount += 1;
        return base;
      }
    };
  }

  CP.scormCommon = {
    responseEncoder: responseEncoder,
    resultText: resultText,
    session: session
  };
})(window);
