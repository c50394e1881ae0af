/* cmi5 AU adapter: the cmi5 launch sequence on top of the shared xAPI reporting.

   1. read endpoint, fetch, registration, activityId and actor from the launch URL;
   2. POST the fetch URL once for the auth token (kept for this browser tab, since a fetch
      URL answers only once and the page may be reloaded);
   3. read the LMS.LaunchData state document: contextTemplate, launchMode, masteryScore,
      returnURL;
   4. send "initialized" first and "terminated" last; every statement carries the context
      template and the registration; cmi5-defined statements carry the cmi5 category, and
      completed/passed/failed the moveOn category, a duration and (passed/failed) the scaled
      score judged against the LMS's mastery score;
   5. in Browse and Review modes send nothing but initialized and terminated. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var X = CP.xapi;
  var CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var DEFINED = { initialized: true, completed: true, passed: true, failed: true, terminated: true };
  var MOVE_ON = { completed: true, passed: true, failed: true };
  var STATE_ID = "https://w3id.org/xapi/course-studio/state/resume";

  function fetchToken(win, fetchUrl, errors) {
    var key = "coursePlayer:cmi5:token:" + fetchUrl;
    try {
      var kept = win.sessionStorage.getItem(key);
      if (kept) { return kept; }
    } catch (err) { /* no session storage: ask the LMS */ }
    var xhr = new win.XMLHttpRequest();
    try {
      xhr.open("POST", fetchUrl, false);
      xhr.send(null);
    } catch (err) {
      errors.push({ call: "fetch", element: fetchUrl, code: "network" });
      return null;
    }
    var answer = null;
    try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = null; }
    if (xhr.status !== 200 || !answer || !answer["auth-token"]) {
      errors.push({ call: "fetch", element: fetchUrl, code: answer && answer["error-code"] || String(xhr.status) });
      return null;
    }
    try { win.sessionStorage.setItem(key, answer["auth-token"]); } catch (err) { /* kept in memory only */ }
    return answer["auth-token"];
  }

  function mergeContext(statement, template) {
    var context = statement.context;
    var activities = (template && template.contextActivities) || {};
    Object.keys(activities).forEach(function (kind) {
      var mine = context.contextActivities[kind] || [];
      var theirs = Array.isArray(activities[kind]) ? activities[kind] : [activities[kind]];
      context.contextActivities[kind] = theirs.concat(mine);
    });
    var extensions = (template && template.extensions) || {};
    Object.keys(extensions).forEach(function (key) {
      context.extensions = context.extensions || {};
      context.extensions[key] = extensions[key];
    });
  }

  function addCategory(statement, id) {
    var list = statement.context.contextActivities.category = statement.context.contextActivities.category || [];
    list.push({ objectType: "Activity", id: id });
  }

  function create(context) {
    var win = context.window;
    var params = CP.query(win.location.search);
    var required = ["endpoint", "fetch", "registration", "activityId", "actor"];
    if (required.some(function (name) { return !params[name]; })) { return null; }
    var errors = [];
    var actor;
    try { actor = X.agentFrom(params.actor); } catch (err) { return null; }
    /* no token or no launch data: the supervisor holds what the learner does and asks again */
    var unreachable = function () {
      if (context.fail) { context.fail("cmi5-fetch"); }
      return null;
    };
    var token = fetchToken(win, params.fetch, errors);
    if (!token) { return unreachable(); }
    var lrs = CP.lrs.Lrs({ window: win, endpoint: params.endpoint, auth: "Basic " + token, errors: errors,
      key: params.activityId + ":" + params.registration });
    var launchData = lrs.readState({ stateId: "LMS.LaunchData", activityId: params.activityId, agent: actor,
      registration: params.registration });
    if (!launchData.ok || !launchData.value) {
      errors.push({ call: "state", element: "LMS.LaunchData", code: "missing" });
      return unreachable();
    }
    var launch = launchData.value;
    var launchMode = launch.launchMode || "Normal";
    var mastery = typeof launch.masteryScore === "number" ? launch.masteryScore : null;
    var object = { objectType: "Activity", id: params.activityId };

    return X.adapter({
      name: "cmi5", window: win, data: win.COURSE_DATA, unit: context.unit, lrs: lrs, actor: actor,
      registration: params.registration, object: object, errors: errors, stateId: STATE_ID,
      mode: launchMode.toLowerCase(), tracking: launchMode === "Normal",
      returnUrl: launch.returnURL || null,
      decorate: function (statement, verb) {
        mergeContext(statement, launch.contextTemplate);
        statement.context.registration = params.registration;
        if (DEFINED[verb] && statement.object.id === params.activityId) {
          addCategory(statement, CATEGORY_CMI5);
          if (MOVE_ON[verb]) { addCategory(statement, CATEGORY_MOVEON); }
        }
      },
      judge: function (success, score, completed) {
        if (!completed) { return null; }
        if (mastery !== null && score && typeof score.scaled === "number") { return score.scaled >= mastery; }
        return success;
      }
    });
  }

  CP.cmi5 = { mergeContext: mergeContext };
  CP.tracking.register("cmi5", create);
})(window);
