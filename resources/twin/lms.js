/* The LMS twin: launches a package's SCOs against scorm-again the way a given LMS would, and
   journals every API call, every commit and what the LMS kept.

   The page reads its run from ?config=<url> (JSON, written by studio/twin/runner.py):
     {standard: "scorm12"|"scorm2004", profile, path, launch: "iframe"|"frameset"|"new_window",
      lms: {<the profile's [lms] behaviour>}, units_total, intent, problems,
      steps: [{unit, title, url, mastery, learner: {do, stop_at, fail_quiz} | null}],
      interactive, channel, start_timeout_ms, learner_timeout_ms,
      fault: null | "no-api" | "initialize-false" | "commit-false"}
   fault plays a broken LMS, so that the learner preview shows what the player does then: no
   API object at all, an Initialize that answers false, or Commits that answer false.
   and leaves the journal (studio/twin/journal.py) in window.twinResult, then sets
   window.twinDone. Interactive mode (the learner preview) launches the first step with no
   scripted learner and reports each call as a console line "<channel>{json}";
   window.twinJournal() answers the journal so far, window.twinClose() closes the SCO.
   What the LMS hands each launch and keeps after it is lms_store.js. */
(function (global) {
  "use strict";

  var FN = {
    scorm12: { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
      commit: "LMSCommit", lastError: "LMSGetLastError", api: "API", ctor: "Scorm12API" },
    scorm2004: { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue",
      commit: "Commit", lastError: "GetLastError", api: "API_1484_11", ctor: "Scorm2004API" }
  };
  var T = global.TwinStore;
  var EL = T.EL;
  /* Error codes the twin answers with: 401 "not implemented" / "undefined element" for a data
     model subset; a suspend_data longer than the LMS stores fails as 1.2's 405 (incorrect data
     type) and 2004's 351 (general set failure). */
  var ERR = { scorm12: { refused: "401", tooLong: "405" }, scorm2004: { refused: "401", tooLong: "351" } };
  /* The faults' codes: SCORM 1.2 has only 101 (general exception); SCORM 2004 RTE 3.1.7 has
     102 (general initialization failure) and 391 (general commit failure). */
  var FAULT = { scorm12: { init: "101", commit: "101" }, scorm2004: { init: "102", commit: "391" } };

  var cfg = null;
  var stores = {};          /* unit id -> {kept: {}, launches: n} */
  var journal = null;
  var current = null;       /* the launch under way */

  function now() { return global.performance.now(); }
  function sleep(ms) { return new Promise(function (resolve) { global.setTimeout(resolve, ms); }); }

  /* ---- the API a launch sees ------------------------------------------------------------ */

  function refused(element) {
    return (!cfg.lms.supports_interactions && element.indexOf("cmi.interactions") === 0) ||
      (!cfg.lms.supports_objectives && element.indexOf("cmi.objectives") === 0);
  }

  function makeApi(launch, cmi) {
    var fn = FN[cfg.standard];
    var el = EL[cfg.standard];
    var err = ERR[cfg.standard];
    var api = new global[fn.ctor]({ logLevel: 5, autocommit: false });
    api.loadFromJSON(cmi);
    var lastError = api[fn.lastError].bind(api);
    var forced = null;
    var limit = Number(cfg.lms.suspend_data_limit) || 0;

    function record(name, args, result, code) {
      var call = { seq: launch.calls.length, fn: name, args: args.map(String), result: String(result),
        error: String(code), at_ms: Math.round((now() - launch.t0) * 10) / 10, phase: launch.phase };
      launch.calls.push(call);
      if (cfg.channel) { global.console.log(cfg.channel + JSON.stringify(call)); }
      return call;
    }

    [fn.init, fn.finish, fn.get, fn.set, fn.commit].forEach(function (name) {
      var original = api[name].bind(api);
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var element = String(args[0] === undefined ? "" : args[0]);
        var result;
        forced = null;
        if (name === fn.init && cfg.fault === "initialize-false") {
          forced = FAULT[cfg.standard].init;
          result = "false";
        } else if (name === fn.commit && cfg.fault === "commit-false" && api.isInitialized()) {
          forced = FAULT[cfg.standard].commit;
          result = "false";
        } else if ((name === fn.get || name === fn.set) && refused(element)) {
          forced = err.refused;
          result = name === fn.get ? "" : "false";
        } else if (name === fn.set && element === el.suspend && limit > 0 &&
                   String(args[1]).length > limit) {
          forced = err.tooLong;
          result = "false";
        } else if (name === fn.commit && cfg.standard === "scorm12" && api.isTerminated()) {
          /* SCORM 1.2 RTE 3.3.2: no commit once LMSFinish ended the session (scorm-again
             answers "true") */
          forced = "301";
          result = "false";
        } else if (name === fn.commit && api.isInitialized() && element === "") {
          /* what scorm-again's commit would answer, without rendering the whole data model
             (which grows with every interaction): the twin keeps its own store */
          forced = "0";
          result = "true";
        } else if (name === fn.get && element === el.mode) {
          original.apply(null, args);
          forced = "0";
          result = String(cfg.lms.lesson_mode);
        } else {
          result = original.apply(null, args);
        }
        var code = forced !== null ? forced : String(lastError());
        var call = record(name, args, result, code);
        var ok = String(result) === "true" && (code === "0" || code === "");
        if (name === fn.set && ok) {
          launch.session[element] = String(args[1]);
          launch.dirty[element] = true;
        }
        if (name === fn.init && ok && launch.completeOnLaunch) {
          var status = launch.store.kept[el.completion];
          if (!T.DONE_STATUSES[status]) { launch.store.kept[el.completion] = "completed"; }
        }
        if ((name === fn.commit || name === fn.finish) && ok) {
          var kept = !(launch.phase === "unload" && cfg.lms.unload_commit === "lost");
          launch.commits.push({ seq: call.seq, at_ms: call.at_ms, phase: call.phase, kept: kept, fn: name });
          if (kept) { T.keep(cfg, launch, name === fn.finish); }
        }
        if (name === fn.finish) { launch.finished = true; }
        return result;
      };
    });
    api[fn.lastError] = function () { return forced !== null ? forced : lastError(); };
    return api;
  }

  /* ---- launching and closing a SCO ------------------------------------------------------ */

  function host() { return global.document.getElementById("twin"); }

  function openSco(url) {
    var frame;
    if (cfg.launch === "new_window") {
      var win = global.open(url, "twin_sco");
      return { window: function () { return win; },
        close: function () { if (win && !win.closed) { win.close(); } } };
    }
    frame = global.document.createElement("iframe");
    frame.title = "Course";
    frame.name = "twin_host";
    frame.allow = "autoplay";
    frame.src = cfg.launch === "frameset"
      ? "frameset.html?src=" + encodeURIComponent(url) : url;
    host().appendChild(frame);
    return {
      window: function () {
        var w = frame.contentWindow;
        if (!w) { return null; }
        return cfg.launch === "frameset" ? (w.frames && w.frames.length ? w.frames[0] : null) : w;
      },
      close: function () { if (frame.parentNode) { frame.parentNode.removeChild(frame); } }
    };
  }

  function playerOf(win) {
    try { return win && win.CoursePlayer && win.CoursePlayer.app ? win.CoursePlayer : null; }
    catch (e) { return null; }
  }

  async function waitStarted(handle, timeoutMs) {
    var until = now() + timeoutMs;
    while (now() < until) {
      var win = handle.window();
      var doc = null;
      try { doc = win && win.document; } catch (e) { doc = null; }
      if (playerOf(win)) { return { window: win, player: true }; }
      /* content that is not the studio's player runs by itself: nothing to drive */
      if (doc && doc.readyState === "complete" && doc.URL !== "about:blank" && !win.COURSE_DATA) {
        return { window: win, player: false };
      }
      /* a player that failed to start says so on the page: no need to wait it out */
      if (doc && doc.readyState === "complete" && doc.querySelector && doc.querySelector(".fatal")) {
        throw new Error("the player stopped: " + doc.querySelector(".fatal").textContent);
      }
      await sleep(25);
    }
    throw new Error("the player did not start within " + Math.round(timeoutMs / 1000) + " s");
  }

  /* What a browser does when a tab or the LMS window closes: visibilitychange to hidden, then
     pagehide, then the document goes. */
  async function closeSco(launch, handle) {
    var win = handle.window();
    var doc = null;
    try { doc = win && win.document; } catch (e) { doc = null; }
    launch.phase = "hidden";
    if (doc) {
      try {
        Object.defineProperty(doc, "visibilityState", { configurable: true, get: function () { return "hidden"; } });
        Object.defineProperty(doc, "hidden", { configurable: true, get: function () { return true; } });
      } catch (e) { /* a browser that forbids it still gets the event */ }
      doc.dispatchEvent(new win.Event("visibilitychange", { bubbles: true }));
    }
    await sleep(0);
    launch.phase = "unload";
    if (win) {
      var PageTransition = win.PageTransitionEvent || win.Event;
      win.dispatchEvent(new PageTransition("pagehide", { persisted: false }));
    }
    await sleep(0);
    handle.close();
    await sleep(30);
  }

  function newLaunch(step, number) {
    var store = stores[step.unit] || (stores[step.unit] = { kept: {}, launches: 0 });
    var handed = T.delivery(cfg, store, step);
    store.kept = handed.base;
    var launch = {
      number: number, unit: step.unit, delivered: handed.delivered, calls: [], commits: [],
      learner: [], resumed_at: null, problems: [], phase: "live", t0: now(), session: {}, dirty: {},
      store: store, interactionBase: T.interactionCount(store.kept),
      baseTotal: store.kept[EL[cfg.standard].total] || "",
      completeOnLaunch: !!cfg.lms.complete_on_launch && cfg.units_total === 1, finished: false
    };
    store.launches += 1;
    if (cfg.fault === "no-api") { delete global[FN[cfg.standard].api]; }
    else { global[FN[cfg.standard].api] = makeApi(launch, handed.cmi); }
    return launch;
  }

  function launchJournal(launch) {
    return { number: launch.number, unit: launch.unit, delivered: launch.delivered,
      calls: launch.calls, commits: launch.commits, kept: T.copy(launch.store.kept),
      learner: launch.learner, resumed_at: launch.resumed_at, problems: launch.problems };
  }

  function withTimeout(promise, ms, message) {
    return Promise.race([promise, sleep(ms).then(function () { throw new Error(message); })]);
  }

  async function runStep(step, number) {
    var launch = newLaunch(step, number);
    current = launch;
    var handle = openSco(step.url);
    try {
      var started = await waitStarted(handle, cfg.start_timeout_ms || 15000);
      var win = started.window;
      if (!started.player && step.learner && !cfg.interactive) {
        launch.problems.push("the content is not the studio's player: no scripted learner drove it");
      } else if (step.learner && !cfg.interactive) {
        var log = function (did) { launch.learner.push({ at_ms: Math.round((now() - launch.t0) * 10) / 10, did: did }); };
        var seen = await withTimeout(global.TwinLearner.run(win, step.learner, log),
          cfg.learner_timeout_ms || 120000,
          "the learner did not finish within " + Math.round((cfg.learner_timeout_ms || 120000) / 1000) + " s");
        launch.resumed_at = seen.resumed_at;
      }
    } catch (error) {
      launch.problems.push(String(error && error.message || error));
    }
    if (cfg.interactive) { return launch; }
    await closeSco(launch, handle);
    journal.launches.push(launchJournal(launch));
    current = null;
    return launch;
  }

  async function run() {
    for (var i = 0; i < cfg.steps.length; i += 1) {
      await runStep(cfg.steps[i], i + 1);
      if (cfg.interactive) { return; }
    }
    finish();
  }

  function finish() {
    global.twinResult = journal;
    global.twinDone = true;
  }

  global.twinJournal = function () {
    var out = JSON.parse(JSON.stringify(journal));
    if (current) { out.launches.push(launchJournal(current)); }
    return out;
  };

  global.twinClose = async function () {
    if (!current) { return global.twinJournal(); }
    var launch = current;
    var frame = host().querySelector("iframe");
    await closeSco(launch, { window: function () {
      var w = frame && frame.contentWindow;
      return cfg.launch === "frameset" && w ? w.frames[0] : w;
    }, close: function () { if (frame) { frame.remove(); } } });
    journal.launches.push(launchJournal(launch));
    current = null;
    finish();
    return journal;
  };

  async function start() {
    var params = new URLSearchParams(global.location.search);
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
      await run();
    } catch (error) {
      journal.problems.push(String(error && error.message || error));
      finish();
    }
  }

  global.twinDone = false;
  global.addEventListener("DOMContentLoaded", start);
})(window);
