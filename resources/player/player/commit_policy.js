/* When the player asks its tracking adapter to commit, as the LMS profile's switches say.

   Reasons the player gives: "status" (completion, success, score and progress were reported:
   an item viewed, a quiz submitted), "change" (other values: location, resume state, answers
   to a video's questions), "hide" (the page was hidden: the last moment a commit reliably
   reaches the LMS, since browsers refuse synchronous requests while the page is dismissed).
   With commit_min_interval_seconds, commits are batched: at most one per interval, a commit
   asked for meanwhile is sent when the interval ends; hiding the page sends it at once. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer = global.CoursePlayer || {};

  /* adapter: a tracking adapter (its commit() is called); switches: lmsSwitches.resolve();
     win: the window whose timers are used; lastCommitMs: when the adapter last committed
     (its start may have committed the exit value). */
  function create(adapter, switches, win, lastCommitMs) {
    var minMs = Math.max(0, switches.commit_min_interval_seconds || 0) * 1000;
    var last = lastCommitMs || 0;
    var dirty = false;
    var pending = null;
    var stopped = false;
    var timer = null;

    function commitNow() {
      if (pending !== null) { win.clearTimeout(pending); pending = null; }
      if (stopped) { return; }
      dirty = false;
      last = Date.now();
      adapter.commit();
    }

    function schedule() {
      var wait = minMs - (Date.now() - last);
      if (wait <= 0) { commitNow(); return; }
      if (pending === null) { pending = win.setTimeout(commitNow, wait); }
    }

    function wants(reason) {
      if (reason === "status") { return switches.commit_on_status_change || switches.commit_on_every_change; }
      return reason === "change" && switches.commit_on_every_change;
    }

    if (switches.commit_every_seconds > 0) {
      timer = win.setInterval(function () { if (dirty) { schedule(); } },
        switches.commit_every_seconds * 1000);
    }

    return {
      /* Values were reported for reason ("status" | "change"); commits when the switches say. */
      request: function (reason) {
        dirty = true;
        if (wants(reason)) { schedule(); }
      },
      /* The page is hidden: commit now (whatever the interval) when commit_on_hide. */
      hide: function () { if (switches.commit_on_hide) { commitNow(); } },
      /* The launch ends (the adapter's finish commits): no more timed commits. */
      stop: function () {
        stopped = true;
        if (pending !== null) { win.clearTimeout(pending); pending = null; }
        if (timer !== null) { win.clearInterval(timer); timer = null; }
      }
    };
  }

  CP.commitPolicy = { create: create };
})(window);
