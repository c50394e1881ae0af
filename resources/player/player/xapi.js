/* xAPI (Tin Can) adapter: the launch parameters of a Tin Can LMS (endpoint, auth, actor,
   registration, activity_id), statements for what the learner does, and the bookmark and
   progress in a State API document.

   CP.xapi.adapter(config) is the reporting both xAPI adapters share; cmi5.js adds its launch
   sequence, its context template and its rules through config. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var T = CP.tracking;
  var X = CP.xapi;
  var F = T.format;
  var STATE_ID = "https://w3id.org/xapi/course-studio/state/resume";

  /* config: {name, window, data, unit, lrs, actor, registration, object (launched activity),
     stateId, mode, tracking (false: only initialized/terminated), decorate(statement, verb),
     judge(success, score) -> success, returnUrl, errors} */
  function adapter(config) {
    var win = config.window;
    var catalogue = X.Catalogue(config.data);
    var lrs = config.lrs;
    var started = 0;
    var finished = false;
    var continueRequested = false;
    var doc = { state: null, location: null, progress: 0, completed: false, success: null };
    var current = null;
    var experienced = {};
    var pending = { completion: false, success: null, score: null };

    function durationSinceStart() { return F.duration2004(Date.now() - started); }

    function context(parents) {
      var ctx = { contextActivities: { grouping: [{ objectType: "Activity", id: X.courseIri(catalogue.courseId) }] } };
      if (config.registration) { ctx.registration = config.registration; }
      if (parents && parents.length) { ctx.contextActivities.parent = parents; }
      if (catalogue.language) { ctx.language = catalogue.language; }
      if (config.object.id === ctx.contextActivities.grouping[0].id) { delete ctx.contextActivities.grouping; }
      else if (parents && parents.length) { ctx.contextActivities.grouping.push({ objectType: "Activity", id: config.object.id }); }
      return ctx;
    }

    function send(verb, object, result, parents, extensions, categories) {
      var statement = {
        id: X.uuid(win), actor: config.actor,
        verb: { id: X.VERBS[verb], display: { "en-US": verb } },
        object: object, timestamp: new Date().toISOString(), context: context(parents)
      };
      if (result) { statement.result = result; }
      if (extensions) { statement.context.extensions = extensions; }
      if (categories) { statement.context.contextActivities.category = categories; }
      if (config.decorate) { config.decorate(statement, verb); }
      lrs.enqueue(statement);
      return statement;
    }

    function itemParents(entry) {
      return entry ? [{ objectType: "Activity", id: X.childIri(catalogue.courseId, "lesson", entry.lesson.id) }] : [];
    }

    X.VideoWatcher(win, function () { return current && current.item; }, function (verb, item, result, extensions) {
      if (finished || !config.tracking) { return; }
      var entry = catalogue.find(item.id);
      var object = catalogue.item(item);
      if (item.source) {
        extensions[X.EXTENSIONS.clip] = { "in": item.source["in"], out: item.source.out, version: item.source.version };
      }
      send(verb, object, result, itemParents(entry), extensions,
        [{ objectType: "Activity", id: "https://w3id.org/xapi/video" }]);
    });

    function saveDocument() {
      if (!config.tracking) { return; }
      lrs.saveDocument({ stateId: config.stateId, activityId: config.object.id, agent: config.actor,
        registration: config.registration, value: doc });
    }

    function reportResults() {
      if (pending.completion && !doc.completed) {
        doc.completed = true;
        send("completed", config.object, { completion: true, duration: durationSinceStart() });
      }
      var success = config.judge ? config.judge(pending.success, pending.score, pending.completion) : pending.success;
      if (success !== null && success !== undefined && success !== doc.success && !(doc.success === true)) {
        doc.success = success;
        var result = { success: success, duration: durationSinceStart() };
        if (pending.score) {
          result.score = { scaled: pending.score.scaled, raw: pending.score.raw, min: pending.score.min, max: pending.score.max };
        }
        send(success ? "passed" : "failed", config.object, result);
      }
    }

    function leave() {
      if (continueRequested && config.returnUrl) {
        var deadline = Date.now() + 5000;
        var wait = function () {
          if (lrs.pending() === 0 || Date.now() > deadline) { win.location.assign(config.returnUrl); }
          else { win.setTimeout(wait, 50); }
        };
        wait();
      } else {
        lrs.flushOnUnload();
      }
    }

    return {
      name: config.name,
      errors: config.errors,
      lrs: lrs,
      start: function () {
        started = Date.now();
        var saved = lrs.readState({ stateId: config.stateId, activityId: config.object.id, agent: config.actor,
          registration: config.registration });
        var value = saved.ok ? saved.value : lrs.localDocument(config.stateId);
        if (value && typeof value === "object") {
          Object.keys(doc).forEach(function (k) { if (k in value) { doc[k] = value[k]; } });
        }
        send("initialized", config.object, null);
        return { state: doc.state, location: doc.location, mode: config.mode,
          learnerName: typeof config.actor.name === "string" && config.actor.name || null };
      },
      saveState: function (text) { doc.state = text; },
      setLocation: function (id) {
        doc.location = id;
        var entry = catalogue.find(id);
        current = entry && !entry.question ? entry : null;
        if (!current || finished || !config.tracking || experienced[id]) { return; }
        if (current.item.kind === "slide" || current.item.kind === "page") {
          experienced[id] = true;
          send("experienced", catalogue.item(current.item), null, itemParents(current));
        }
      },
      setProgress: function (fraction) { doc.progress = Math.round(Math.max(0, Math.min(1, fraction)) * 10000) / 10000; },
      recordInteraction: function (ia) {
        if (finished || !config.tracking) { return; }
        var entry = catalogue.find(ia.id);
        var parents = entry ? [catalogue.item(entry.item)].concat(itemParents(entry)) : [];
        var extensions = null;
        if (entry && entry.question && entry.question.version) {
          extensions = {};
          extensions[X.EXTENSIONS.questionVersion] = entry.question.version;
        }
        send("answered", catalogue.interaction(ia), X.interactionResult(ia), parents.map(function (a) {
          return { objectType: "Activity", id: a.id };
        }), extensions);
      },
      setScore: function (score) { pending.score = score; },
      setCompletion: function (done) { pending.completion = pending.completion || done; },
      setSuccess: function (passed) { if (passed !== null && passed !== undefined) { pending.success = passed; } },
      commit: function () {
        if (finished || !config.tracking) { return; }
        reportResults();
        saveDocument();
      },
      finish: function () {
        if (finished) { return; }
        if (config.tracking) { reportResults(); saveDocument(); }
        finished = true;
        send("terminated", config.object, { duration: durationSinceStart() });
        leave();
      },
      canContinue: function () { return !finished && !!config.returnUrl; },
      requestContinue: function () {
        if (!config.returnUrl) { return false; }
        continueRequested = true;
        return true;
      }
    };
  }

  function create(context) {
    var win = context.window;
    var params = CP.query(win.location.search);
    if (!params.endpoint || !params.actor) { return null; }
    var data = win.COURSE_DATA;
    var actor;
    try { actor = X.agentFrom(params.actor); } catch (err) { return null; }
    var errors = [];
    var object = X.Catalogue(data).course(params.activity_id || null);
    var registration = params.registration || null;
    var lrs = CP.lrs.Lrs({ window: win, endpoint: params.endpoint, auth: params.auth, errors: errors,
      key: object.id + ":" + (registration || "none") + ":" + (context.unit || "course") });
    return adapter({ name: "xapi", window: win, data: data, unit: context.unit, lrs: lrs, actor: actor,
      registration: registration, object: object, errors: errors, mode: "normal", tracking: true,
      stateId: STATE_ID + (context.unit ? "/" + encodeURIComponent(context.unit) : "") });
  }

  X.adapter = adapter;
  X.STATE_ID = STATE_ID;
  T.register("xapi", create);
})(window);
