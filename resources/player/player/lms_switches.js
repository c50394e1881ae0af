/* The LMS profile's player switches (COURSE_DATA.lms.player, snake_case keys as the profile
   files spell them), and the statuses a status pair reports.

   Without a COURSE_DATA.lms block every switch keeps the player's own behaviour (DEFAULTS);
   a block overrides the keys it lists. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer = global.CoursePlayer || {};

  var DEFAULTS = {
    status_pair: null,                  /* null: passed/failed with a mastery score, else completed/incomplete */
    score_before_status: true,
    commit_on_status_change: true,      /* commit each report of status, score and progress */
    commit_on_every_change: false,      /* also commit after navigation and answers */
    commit_every_seconds: 0,            /* 0: no timer */
    commit_on_hide: true,               /* commit on visibilitychange hidden */
    commit_min_interval_seconds: 0,     /* 0: no limit; else later commits wait, hide and finish flush */
    exit_incomplete: "suspend",
    exit_complete: "",                  /* "": the edition's plain exit ("" in 1.2, "normal" in 2004) */
    completed_when_failed: true,        /* SCORM 2004: completion_status follows the items when failed */
    interactions: true,
    unique_interaction_ids: false,
    response_limit: 0,                  /* characters; 0: the edition's own limit */
    objectives: false,
    suspend_data_limit: 0,              /* characters; 0: no fitting (SCORM 1.2 still refuses > 4096) */
    compress_suspend_data: false,
    lesson_mode_missing_is_normal: true,
    always_score_max: true,
    finish_on_exit: true,
    finish_when_complete: false         /* true: end the session at the results screen once complete */
  };

  /* data: the COURSE_DATA object (or null). Answers a fresh object holding every key of
     DEFAULTS; values of the wrong type in the block are ignored (the default stays). */
  function resolve(data) {
    var out = {};
    var key;
    for (key in DEFAULTS) { if (DEFAULTS.hasOwnProperty(key)) { out[key] = DEFAULTS[key]; } }
    var block = data && data.lms && data.lms.player;
    if (!block || typeof block !== "object") { return out; }
    for (key in DEFAULTS) {
      if (!DEFAULTS.hasOwnProperty(key) || !block.hasOwnProperty(key)) { continue; }
      var value = block[key];
      var expected = key === "status_pair" ? "string" : typeof out[key];
      if (typeof value === expected) { out[key] = value; }
    }
    return out;
  }

  /* What a report says, under a status pair ("passed/incomplete", "passed/failed",
     "completed/incomplete", "completed/failed" or null).
     complete: the player's completion rule is met; success: true | false | null (no verdict).
     Answers {lesson: SCORM 1.2 cmi.core.lesson_status, completed: bool (SCORM 2004
     completion_status), success: true | false | null (2004 success_status; null: not written)}.
     A word outside the pair is never reported: "completed/incomplete" has no success. */
  function outcome(pair, complete, success, completedWhenFailed) {
    var failedDone = success === false && completedWhenFailed;
    if (!pair) {
      return {
        lesson: complete ? (success === true ? "passed" : success === false ? "failed" : "completed")
          : success === false ? "failed" : "incomplete",
        completed: complete && (success !== false || failedDone),
        success: success
      };
    }
    var words = pair.split("/");
    var positive = complete && success !== false;
    var negative = success === false;
    var reportsFailure = words[1] === "failed";
    return {
      lesson: positive ? words[0] : negative && reportsFailure ? "failed" : "incomplete",
      completed: positive || failedDone,
      success: positive && words[0] === "passed" ? true : negative && reportsFailure ? false : null
    };
  }

  CP.lmsSwitches = { DEFAULTS: DEFAULTS, resolve: resolve, outcome: outcome };
})(window);
