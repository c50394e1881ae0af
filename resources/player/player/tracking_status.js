/* Honest tracking: whether the LMS or LRS is recording what the learner does, and the banner
   that tells the learner when it is not.

   supervise(name, context, factories) wraps the adapter of a platform (tracking.js create)
   in a supervised adapter: the same interface, plus
     status()  -> {state: "recording"|"offline"|"retrying"|"unavailable", reason, queued, dropped}
     onStatus(f)   f(status) at every change
     retry()   -> Promise of the status after one more attempt
   reason: null | "no-api" | "initialize-failed" | "commit-failed" | "lrs-auth" | "lrs-refused"
   | "lrs-unreachable" | "cmi5-fetch" | "offline"; queued: records the LMS/LRS has not accepted
   (statements in the LRS queue, changes since the last good commit, or the calls held while the
   platform is out of reach); dropped: statements the LRS refused.
   While the platform is out of reach the local adapter keeps the progress and the calls are
   held (every interaction, the latest of each other value); once the platform is reached they
   are written once, in order, then committed. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var STATES = {
    "no-api": "unavailable", "initialize-failed": "unavailable", "cmi5-fetch": "unavailable",
    "commit-failed": "retrying", "lrs-auth": "retrying", "lrs-refused": "retrying",
    "lrs-unreachable": "retrying", "offline": "offline"
  };
  var BACKOFF_MS = [2000, 4000, 8000, 16000, 30000, 60000];
  var ANSWER_WAIT_MS = 5000;  /* how long Try again waits for the LRS to answer */
  var DATA_CALLS = ["saveState", "setLocation", "setProgress", "recordInteraction", "setScore",
    "setCompletion", "setSuccess", "setObjective"];

  /* The key under which a held call replaces the one before it (null: every one is kept).
     An xAPI location is a statement of its own ("experienced"): each one is kept. */
  function holdKey(name, call, args) {
    if (call === "recordInteraction") { return null; }
    if (call === "setLocation" && (name === "xapi" || name === "cmi5")) { return null; }
    return call === "setObjective" ? call + ":" + (args[0] && args[0].index) : call;
  }

  function supervise(name, context, factories) {
    var win = context.window;
    var reason = null;
    var dropped = 0;
    var held = [];
    var unsaved = 0;
    var real = null;
    var local = null;
    var finished = false;
    var timer = null;
    var attempts = 0;
    var listeners = [];

    function make() {
      var said = null;
      var ctx = { window: win, courseId: context.courseId, unit: context.unit,
        fail: function (why) { said = why; } };
      var adapter = null;
      try { adapter = factories[name](ctx); } catch (err) { adapter = null; }
      return { adapter: adapter, reason: adapter ? null : said || "no-api" };
    }

    function active() { return real || local; }

    function status() {
      var queued = held.length;
      if (real && real.lrs) { queued += real.lrs.pending(); }
      else if (real) { queued += unsaved; }
      return { state: reason ? STATES[reason] : "recording", reason: reason, queued: queued, dropped: dropped };
    }

    function tell() {
      var now = status();
      listeners.forEach(function (f) { f(now); });
    }

    function setReason(why) {
      if (why && why !== reason && global.console) {
        global.console.warn("Tracking '" + name + "': progress is not being recorded (" + why + ").");
      }
      reason = why || null;
      if (!reason) { attempts = 0; }
      tell();
    }

    function schedule() {
      if (finished || timer !== null || !reason || (real && real.lrs)) { return; }
      timer = win.setTimeout(function () { timer = null; attempt(); schedule(); },
        BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length - 1)]);
      attempts += 1;
    }

    function watch(adapter) {
      if (!adapter.lrs || !adapter.lrs.onStatus) { return; }
      adapter.lrs.onStatus(function (report) {
        dropped = report.dropped;
        if (report.reason !== reason) { setReason(report.reason); } else { tell(); }
      });
    }

    /* Reach the platform again: discovery and start; then the held calls and a commit. */
    function reconnect() {
      var made = make();
      if (!made.adapter) { setReason(made.reason); return; }
      var launch = made.adapter.start();
      if (launch && launch.failure) { setReason(launch.failure); return; }
      real = made.adapter;
      var calls = held;
      held = [];
      calls.forEach(function (h) { real[h.call].apply(real, h.args); });
      watch(real);
      unsaved = calls.length;
      setReason(null);
      commit();
    }

    function attempt() {
      if (finished) { return; }
      if (!real) { reconnect(); }
      else if (real.lrs) { real.lrs.flush(); }
      else if (reason === "commit-failed") { commit(); }
    }

    function commit() {
      if (!real) { local.commit(); return; }
      var kept = real.commit();
      if (kept === false) {
        if (reason !== "commit-failed") { setReason("commit-failed"); }
        schedule();
      } else {
        unsaved = 0;
        if (reason === "commit-failed") { setReason(null); } else if (!real.lrs) { tell(); }
      }
    }

    function fallBack(why) {
      if (global.console) { global.console.warn("Tracking '" + name + "' unavailable; using local."); }
      real = null;
      local = factories.local(context);
      reason = why;
    }

    var first = make();
    if (first.adapter) { real = first.adapter; watch(real); } else { fallBack(first.reason); }

    var supervised = {
      start: function () {
        if (real) {
          var launch = real.start();
          if (launch && launch.committed === false) {
            /* the launch's values are not kept: said at once, retried like any refused commit */
            unsaved = Math.max(unsaved, 1);
            setReason("commit-failed");
            schedule();
          }
          if (!launch || !launch.failure) { return launch; }
          fallBack(launch.failure);
        }
        var kept = local.start();
        setReason(reason);
        schedule();
        return kept;
      },
      commit: commit,
      finish: function (options) {
        finished = true;
        if (timer !== null) { win.clearTimeout(timer); timer = null; }
        if (!real) { local.finish(options); return; }
        real.finish(options);
      },
      canContinue: function () { return active().canContinue(); },
      requestContinue: function () { return active().requestContinue(); },
      status: status,
      onStatus: function (f) { listeners.push(f); },
      retry: function () {
        if (!reason) { return Promise.resolve(status()); }
        var wait = real && real.lrs ? new Promise(function (resolve) {
          var done = false;
          var answer = function () { if (!done) { done = true; resolve(status()); } };
          listeners.push(answer);
          win.setTimeout(answer, ANSWER_WAIT_MS);
        }) : null;
        attempt();
        return wait || Promise.resolve(status());
      }
    };
    DATA_CALLS.forEach(function (call) {
      supervised[call] = function () {
        var args = Array.prototype.slice.call(arguments);
        var adapter = active();
        if (adapter[call]) { adapter[call].apply(adapter, args); }
        if (!real && !finished) {
          var key = holdKey(name, call, args);
          if (key !== null) { held = held.filter(function (h) { return h.key !== key; }); }
          held.push({ call: call, args: args, key: key });
          tell();
        } else if (real && !real.lrs) {
          unsaved += 1;
          if (reason) { tell(); }
        }
      };
    });
    /* The adapter doing the work answers for its name, errors, LRS and local storage key. */
    ["name", "errors", "lrs", "storageKey"].forEach(function (field) {
      Object.defineProperty(supervised, field, { enumerable: true,
        get: function () { return active()[field]; } });
    });
    return supervised;
  }

  /* ---- the banner ------------------------------------------------------------------------ */

  /* The banner's words are the player's interface strings (core.js), which a brand kit may
     replace: why recording stopped and what to do, per reason. */
  var WHY = {
    "no-api": ["trackingNoApi", "trackingNoApiDo"],
    "initialize-failed": ["trackingInitFailed", "trackingInitFailedDo"],
    "commit-failed": ["trackingCommitFailed", "trackingKeepTrying"],
    "lrs-auth": ["trackingLrsAuth", "trackingLrsAuthDo"],
    "lrs-refused": ["trackingLrsRefused", "trackingLrsRefusedDo"],
    "lrs-unreachable": ["trackingLrsUnreachable", "trackingKeepTrying"],
    "cmi5-fetch": ["trackingCmi5Fetch", "trackingCmi5FetchDo"],
    "offline": ["trackingOffline", "trackingOfflineDo"]
  };

  var say = CP.say;

  /* Shows the banner above main for a supervised adapter (one without status() is always
     recording: nothing is shown) and applies the course's policy when tracking fails
     (course.unrecorded: "continue" (default) or "block": the content is hidden and the
     navigation disabled until recording is back). Returns {update(status)} or null. */
  function attach(win, adapter, course) {
    if (!adapter || !adapter.status) { return null; }
    var doc = win.document;
    var el = CP.el;
    var main = doc.getElementById("main");
    var block = !!course && course.unrecorded === "block";
    var controls = ["next", "previous", "menu"].map(function (id) { return doc.getElementById(id); })
      .filter(Boolean);
    var why = el("p", { class: "tracking-why" });
    var todo = el("p", { class: "tracking-todo" });
    var queued = el("p", { class: "tracking-queued", "aria-live": "off" });
    var note = el("p", { class: "tracking-note", role: "status" });
    var button = el("button", { type: "button", class: "secondary", text: say("trackingRetry") });
    var blocked = el("p", { class: "tracking-blocked", text: say("trackingBlocked"), hidden: true });
    var box = el("div", { id: "tracking-banner", class: "tracking-banner", role: "alert", hidden: true,
      tabindex: "-1" });
    var skip = doc.querySelector(".skip-link");
    var shown = false;
    var drawn = false;    /* the player has drawn its first item (and set its buttons) */
    var wasDisabled = null;
    var dropped = 0;

    /* "Skip to content" leads to what the learner can read: the banner while main is hidden */
    function pointSkip() {
      if (skip) { skip.setAttribute("href", main.hidden ? "#tracking-banner" : "#main"); }
    }

    function hold(on) {
      if (block && on) { main.hidden = true; pointSkip(); }
      if (!block || !drawn || on === (wasDisabled !== null)) { return; }
      if (on) {
        wasDisabled = controls.map(function (c) { return c.disabled; });
        controls.forEach(function (c) { c.disabled = true; });
        Array.prototype.forEach.call(main.querySelectorAll("video, audio"), function (m) { m.pause(); });
        var outline = doc.getElementById("outline");
        if (outline) { outline.hidden = true; }
      } else {
        controls.forEach(function (c, i) { c.disabled = wasDisabled[i]; });
        wasDisabled = null;
      }
      main.hidden = on;
      pointSkip();
      blocked.hidden = !on;
      box.classList.toggle("blocking", on);
    }

    /* the player redraws its buttons as the learner moves: keep them off while blocked */
    if (block && win.MutationObserver) {
      new win.MutationObserver(function () {
        if (wasDisabled === null) { return; }
        controls.forEach(function (c) { if (!c.disabled) { c.disabled = true; } });
      }).observe(doc.body, { attributes: true, subtree: true, attributeFilter: ["disabled"] });
    }

    function update(now) {
      var failing = now.state !== "recording";
      if (failing) {
        var words = WHY[now.reason] || WHY["no-api"];
        if (!shown) {
          /* filled while on show, so that assistive technology reads it as one alert */
          box.hidden = false;
          CP.clear(box).appendChild(el("p", { class: "tracking-title", text: say("trackingTitle") }));
          [why, todo, blocked, queued, button, note].forEach(function (n) { box.appendChild(n); });
          note.textContent = "";
        }
        why.textContent = say(words[0]) + (now.reason === "lrs-refused" ? " " + say("trackingDropped", { count: now.dropped }, now.dropped) : "");
        todo.textContent = say(words[1]);
        queued.textContent = now.queued ? say("trackingWaiting", { count: now.queued }, now.queued) : "";
        queued.hidden = !now.queued;
        box.setAttribute("data-reason", now.reason);
        shown = true;
      } else if (shown) {
        box.hidden = true;
        shown = false;
        var back = say("trackingBack");
        if (now.dropped > dropped) { back += " " + say("trackingDropped", { count: now.dropped - dropped }, now.dropped - dropped); }
        CP.announce(back);
      }
      if (!failing) { dropped = now.dropped; }
      /* refused records are lost, not waiting: the learner goes on (blocking would wait forever) */
      hold(failing && now.reason !== "lrs-refused");
    }

    button.addEventListener("click", function () {
      button.disabled = true;
      note.textContent = "";
      adapter.retry().then(function (after) {
        button.disabled = false;
        if (after.state !== "recording") { note.textContent = say("trackingStill"); }
      });
    });

    /* another language chosen: the words drawn once, in the new language */
    function redress() {
      var title = box.querySelector(".tracking-title");
      if (title) { title.textContent = say("trackingTitle"); }
      button.textContent = say("trackingRetry");
      blocked.textContent = say("trackingBlocked");
      if (note.textContent) { note.textContent = say("trackingStill"); }
      if (shown) { update(adapter.status()); }
    }

    main.parentNode.insertBefore(box, main);
    if (CP.languages) { doc.addEventListener(CP.languages.EVENT, redress); }
    adapter.onStatus(update);
    update(adapter.status());
    win.setTimeout(function () { drawn = true; update(adapter.status()); }, 0);
    return { update: update, redress: redress };
  }

  CP.trackingStatus = { supervise: supervise, attach: attach, STATES: STATES, BACKOFF_MS: BACKOFF_MS };
})(window);
