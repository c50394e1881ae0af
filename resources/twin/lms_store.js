/* What the twin LMS hands each launch and what it keeps: the LMS's side of SCORM's data
   model, read by lms.js. A unit's store is {kept: {element: value}, launches: n}; cfg is the
   run's configuration (lms.js). */
(function (global) {
  "use strict";

  /* The elements the LMS itself looks at (SCORM 1.2 RTE 3.4, SCORM 2004 RTE 4.2). */
  var EL = {
    scorm12: { completion: "cmi.core.lesson_status", exit: "cmi.core.exit",
      entry: "cmi.core.entry", location: "cmi.core.lesson_location", suspend: "cmi.suspend_data",
      session: "cmi.core.session_time", total: "cmi.core.total_time", mode: "cmi.core.lesson_mode",
      score: "cmi.core.score.", success: null },
    scorm2004: { completion: "cmi.completion_status", exit: "cmi.exit", entry: "cmi.entry",
      location: "cmi.location", suspend: "cmi.suspend_data", session: "cmi.session_time",
      total: "cmi.total_time", mode: "cmi.mode", score: "cmi.score.",
      success: "cmi.success_status" }
  };
  /* Statuses that say a unit was done, and those that only say it was begun. */
  var DONE_STATUSES = { completed: true, passed: true, failed: true };
  var STARTED_STATUSES = { "incomplete": true, "not attempted": true, "unknown": true, "browsed": true };

  function copy(map) { var out = {}; Object.keys(map).forEach(function (k) { out[k] = map[k]; }); return out; }

  /* ---- times: SCORM 1.2 CMITimespan (HHHH:MM:SS.SS) and ISO 8601 durations (2004) ---------- */

  function seconds12(text) {
    var m = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(String(text || ""));
    return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : 0;
  }
  function seconds2004(text) {
    var m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(text || ""));
    if (!m) { return 0; }
    var n = function (i) { return m[i] ? Number(m[i]) : 0; };
    return n(1) * 31536000 + n(2) * 2592000 + n(3) * 86400 + n(4) * 3600 + n(5) * 60 + n(6);
  }
  function pad(n, width) { var s = String(n); while (s.length < width) { s = "0" + s; } return s; }
  function timespan12(total) {
    var cs = Math.round(total * 100);
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(Math.floor(s), 2) + "." + pad(cs % 100, 2);
  }
  function duration2004(total) {
    var cs = Math.round(total * 100);
    var h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
  }

  /* ---- what the LMS hands a launch ----------------------------------------------------- */

  /* Entry "resume" only after a kept exit "suspend" (SCORM 1.2 RTE 3.4.2.3, SCORM 2004 RTE
     4.2.8); otherwise a new attempt: 2004 drops suspend_data and location. */
  function delivery(cfg, store, step) {
    var el = EL[cfg.standard];
    var kept = store.kept;
    var first = store.launches === 0;
    var resume = !first && kept[el.exit] === "suspend";
    var fresh = !first && !resume && cfg.standard === "scorm2004";
    var entry = first ? "ab-initio" : resume ? "resume" : cfg.standard === "scorm2004" ? "ab-initio" : "";
    var value = function (name) { return kept[name] === undefined ? "" : kept[name]; };
    var delivered = {
      entry: entry,
      suspend_data: fresh ? "" : value(el.suspend),
      location: fresh ? "" : value(el.location),
      mode: String(cfg.lms.lesson_mode),
      completion_status: value(el.completion),
      success_status: el.success ? value(el.success) : "",
      total_time: value(el.total)
    };
    var score = function (part) { return value(el.score + part); };
    var cmi;
    if (cfg.standard === "scorm12") {
      cmi = {
        core: { student_id: "twin-learner", student_name: "Learner, Twin", credit: "credit",
          lesson_status: delivered.completion_status || "not attempted", entry: entry,
          lesson_location: delivered.location, total_time: delivered.total_time || "0000:00:00.00",
          score: { raw: score("raw"), min: score("min"), max: score("max") } },
        suspend_data: delivered.suspend_data,
        student_data: { mastery_score: step.mastery || "" }
      };
    } else {
      cmi = {
        learner_id: "twin-learner", learner_name: "Twin Learner", credit: "credit", entry: entry,
        completion_status: delivered.completion_status || "unknown",
        success_status: delivered.success_status || "unknown",
        location: delivered.location, suspend_data: delivered.suspend_data,
        total_time: delivered.total_time || "PT0S", scaled_passing_score: step.mastery || "",
        score: { scaled: score("scaled"), raw: score("raw"), min: score("min"), max: score("max") }
      };
    }
    return { delivered: delivered, cmi: cmi, base: fresh ? dropped(kept, el) : copy(kept) };
  }

  function dropped(kept, el) {
    var out = copy(kept);
    delete out[el.suspend];
    delete out[el.location];
    return out;
  }

  function interactionCount(kept) {
    var count = 0;
    Object.keys(kept).forEach(function (name) {
      var m = /^cmi\.interactions\.(\d+)\./.exec(name);
      if (m) { count = Math.max(count, Number(m[1]) + 1); }
    });
    return count;
  }

  /* ---- what the LMS keeps --------------------------------------------------------------- */

  /* A kept commit (or Terminate) stores what the session set since the last kept one over
     what the LMS held, with the LMS's own rules; a value a rule holds back stays pending for
     the next kept commit. Interactions are journaled: this launch's n follows the ones kept
     before it. */
  function keep(cfg, launch, finishing) {
    var el = EL[cfg.standard];
    var lms = cfg.lms;
    var kept = launch.store.kept;
    var score = {};
    ["raw", "scaled", "max"].forEach(function (part) { score[part] = kept[el.score + part]; });
    var hadScore = score.raw !== undefined && score.raw !== "";
    var pending = {};
    Object.keys(launch.dirty).forEach(function (name) {
      var value = launch.session[name];
      var target = name.indexOf("cmi.interactions.") === 0
        ? name.replace(/^cmi\.interactions\.(\d+)\./, function (all, n) {
          return "cmi.interactions." + (Number(n) + launch.interactionBase) + ".";
        }) : name;
      var isScore = target.indexOf(el.score) === 0;
      /* first_score_only comes resolved for this launch's standard (studio/twin/runner.py) */
      var held = (isScore && lms.first_score_only && hadScore) ||
        (isScore && lms.needs_finish && !finishing) ||
        (target === el.completion && cfg.standard === "scorm12" && lms.failed_is_final &&
          kept[target] === "failed") ||
        (target === el.completion && launch.completeOnLaunch && DONE_STATUSES[kept[target]] &&
          STARTED_STATUSES[value]);
      if (held) { pending[name] = true; } else { kept[target] = value; }
    });
    launch.dirty = pending;
    if (lms.needs_score_max && !(Number(kept[el.score + "max"]) > 0)) {
      ["raw", "scaled"].forEach(function (part) {
        var name = el.score + part;
        if (score[part] === undefined) { delete kept[name]; } else { kept[name] = score[part]; }
        if (launch.session[name] !== undefined) { launch.dirty[name] = true; }
      });
    }
    if (launch.session[el.session] !== undefined) {
      var parse = cfg.standard === "scorm12" ? seconds12 : seconds2004;
      var total = parse(launch.baseTotal) + parse(launch.session[el.session]);
      kept[el.total] = cfg.standard === "scorm12" ? timespan12(total) : duration2004(total);
    }
  }

  global.TwinStore = {
    EL: EL, DONE_STATUSES: DONE_STATUSES, copy: copy, delivery: delivery, keep: keep,
    interactionCount: interactionCount
  };
})(window);
