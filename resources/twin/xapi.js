/* The LMS twin for xAPI packages (Tin Can and cmi5): the twin's LMS lives on the server
   (studio/twin/xapi_session.py); this page launches each step in a frame, lets the scripted
   learner (learner.js) work, closes the frame as a browser closes a tab, and collects the
   journal.

   The page reads its run from ?config=<url> (JSON, written by studio/twin/xapi_lms.py):
     {standard: "xapi"|"cmi5", profile, path, lms_url: "/lms-0/", intent, problems,
      steps: [{unit, url, learner: {do, stop_at, fail_quiz}}],
      start_timeout_ms, learner_timeout_ms}
   and leaves the journal (studio/twin/journal.py) in window.twinResult, then sets
   window.twinDone; window.twinJournal() answers the journal so far.

   Every request the package makes after it started carries the phase it was made in
   (X-Twin-Phase: live | hidden | unload) and, when a page dismissal would cancel it
   (an XMLHttpRequest, or a fetch without keepalive), X-Twin-Request: the server decides from
   them what an LMS that loses unload commits keeps. */
(function (global) {
  "use strict";

  var PHASE_HEADER = "X-Twin-Phase";
  var DISMISSAL_HEADER = "X-Twin-Request";
  var cfg = null;
  var journal = null;
  var current = null;

  function now() { return global.performance.now(); }
  function sleep(ms) { return new Promise(function (resolve) { global.setTimeout(resolve, ms); }); }
  function absolute(url) { return new global.URL(url, global.location.href).href; }

  async function control(action, params) {
    var query = new global.URLSearchParams(params || {}).toString();
    var response = await global.fetch(cfg.lms_url + "twin/" + action + (query ? "?" + query : ""),
      { method: "POST", cache: "no-store" });
    var text = await response.text();
    var body = text ? JSON.parse(text) : null;
    if (!response.ok) { throw new Error((body && body.error) || ("the twin's LMS answered " + response.status)); }
    return body;
  }

  /* The LMS learns of a phase before the package does and before any of the package's code
     runs again: a synchronous request blocks this page and its same-origin frame alike. */
  function enter(launch, phase) {
    launch.phase = phase;
    var xhr = new global.XMLHttpRequest();
    xhr.open("POST", cfg.lms_url + "twin/phase?phase=" + phase, false);
    xhr.send(null);
    if (xhr.status !== 204) { launch.problems.push("the twin's LMS refused the phase " + phase); }
  }

  /* ---- the package's requests, tagged with their phase ---------------------------------- */

  function instrument(win, launch) {
    var XHR = win.XMLHttpRequest && win.XMLHttpRequest.prototype;
    if (XHR) {
      var open = XHR.open, send = XHR.send;
      XHR.open = function (method, url, async) {
        this.twinSync = arguments.length > 2 && async === false;
        return open.apply(this, arguments);
      };
      XHR.send = function () {
        var sync = !!this.twinSync;
        try {
          this.setRequestHeader(PHASE_HEADER, launch.phase);
          if (launch.phase !== "live") { this.setRequestHeader(DISMISSAL_HEADER, sync ? "sync-xhr" : "xhr"); }
        } catch (e) { /* not opened: send() reports it */ }
        var result = send.apply(this, arguments);
        /* Chrome refuses a synchronous request during page dismissal: the LMS journals it,
           the package gets the error Chrome throws. */
        if (sync && launch.phase === "unload") {
          throw new win.DOMException("Synchronous XHR in page dismissal.", "NetworkError");
        }
        return result;
      };
    }
    var fetch = win.fetch;
    if (fetch) {
      win.fetch = function (input, init) {
        var options = Object.assign({}, init || {});
        var headers = new win.Headers(options.headers || (input && input.headers) || {});
        headers.set(PHASE_HEADER, launch.phase);
        if (launch.phase !== "live" && !options.keepalive) { headers.set(DISMISSAL_HEADER, "fetch"); }
        options.headers = headers;
        return fetch.call(win, input, options);
      };
    }
    var nav = win.navigator;
    if (nav && nav.sendBeacon) {
      var beacon = nav.sendBeacon.bind(nav);
      nav.sendBeacon = function (url, data) {
        var tagged = new win.URL(url, win.location.href);
        tagged.searchParams.set("twinPhase", launch.phase);
        return beacon(tagged.href, data);
      };
    }
  }

  /* ---- a launch ------------------------------------------------------------------------- */

  function playerOf(win) {
    try { return win && win.CoursePlayer && win.CoursePlayer.app ? win.CoursePlayer : null; }
    catch (e) { return null; }
  }

  async function waitStarted(frame, timeoutMs) {
    var until = now() + timeoutMs;
    while (now() < until) {
      var win = frame.contentWindow;
      var doc = null;
      try { doc = win && win.document; } catch (e) { doc = null; }
      if (playerOf(win)) { return win; }
      if (doc && doc.readyState === "complete" && doc.querySelector && doc.querySelector(".fatal")) {
        throw new Error("the player stopped: " + doc.querySelector(".fatal").textContent);
      }
      await sleep(25);
    }
    throw new Error("the player did not start within " + Math.round(timeoutMs / 1000) + " s");
  }

  /* What a browser does when the tab closes: visibilitychange to hidden, pagehide, the
     document goes; the LMS is told each phase before the package hears of it. */
  async function close(launch, frame) {
    var win = frame.contentWindow;
    var doc = null;
    try { doc = win && win.document; } catch (e) { doc = null; }
    enter(launch, "hidden");
    if (doc) {
      try {
        Object.defineProperty(doc, "visibilityState", { configurable: true, get: function () { return "hidden"; } });
        Object.defineProperty(doc, "hidden", { configurable: true, get: function () { return true; } });
      } catch (e) { /* the event still goes out */ }
      doc.dispatchEvent(new win.Event("visibilitychange", { bubbles: true }));
    }
    await sleep(0);
    enter(launch, "unload");
    if (win) {
      var PageTransition = win.PageTransitionEvent || win.Event;
      win.dispatchEvent(new PageTransition("pagehide", { persisted: false }));
    }
    await sleep(0);
    if (frame.parentNode) { frame.parentNode.removeChild(frame); }
  }

  function withTimeout(promise, ms, message) {
    return Promise.race([promise, sleep(ms).then(function () { throw new Error(message); })]);
  }

  async function runStep(step, number) {
    var launch = { number: number, unit: step.unit, learner: [], resumed_at: null, problems: [],
      phase: "live", t0: now() };
    current = launch;
    var frame = null;
    try {
      var started = await control("launch", { number: number, url: absolute(step.url), unit: step.unit || "" });
      launch.t0 = now();
      frame = global.document.createElement("iframe");
      frame.title = "Course";
      frame.allow = "autoplay";
      frame.src = started.url;
      global.document.getElementById("twin").appendChild(frame);
      var win = await waitStarted(frame, cfg.start_timeout_ms || 15000);
      instrument(win, launch);
      if (step.learner) {
        var log = function (did) { launch.learner.push({ at_ms: Math.round((now() - launch.t0) * 10) / 10, did: did }); };
        var limit = cfg.learner_timeout_ms || 120000;
        var seen = await withTimeout(global.TwinLearner.run(win, step.learner, log), limit,
          "the learner did not finish within " + Math.round(limit / 1000) + " s");
        launch.resumed_at = seen.resumed_at;
      }
    } catch (error) {
      launch.problems.push(String(error && error.message || error));
    }
    if (frame) {
      try { await close(launch, frame); } catch (error) { launch.problems.push(String(error && error.message || error)); }
    }
    var recorded = {};
    try { recorded = await control("end"); } catch (error) { launch.problems.push(String(error && error.message || error)); }
    journal.launches.push(Object.assign({ delivered: {}, calls: [], commits: [], kept: {} }, recorded, {
      number: number, unit: step.unit, learner: launch.learner, resumed_at: launch.resumed_at,
      problems: launch.problems }));
    current = null;
  }

  function finish() {
    global.twinResult = journal;
    global.twinDone = true;
  }

  global.twinJournal = function () {
    var out = JSON.parse(JSON.stringify(journal));
    if (current) {
      out.launches.push({ number: current.number, unit: current.unit, delivered: {}, calls: [], commits: [],
        kept: {}, learner: current.learner, resumed_at: current.resumed_at, problems: current.problems });
    }
    return out;
  };

  async function start() {
    var params = new global.URLSearchParams(global.location.search);
    try {
      var response = await global.fetch(params.get("config"), { cache: "no-store" });
      cfg = await response.json();
    } catch (error) {
      global.twinResult = { path: "", standard: "", profile: "", launches: [], intent: {},
        problems: ["the twin's configuration could not be read: " + error] };
      global.twinDone = true;
      return;
    }
    journal = { path: cfg.path, standard: cfg.standard, profile: cfg.profile, launches: [],
      intent: cfg.intent || {}, problems: (cfg.problems || []).slice() };
    try {
      for (var i = 0; i < cfg.steps.length; i += 1) { await runStep(cfg.steps[i], i + 1); }
    } catch (error) {
      journal.problems.push(String(error && error.message || error));
    }
    finish();
  }

  global.twinDone = false;
  global.addEventListener("DOMContentLoaded", start);
})(window);
