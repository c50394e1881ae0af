/* Local adapter: keeps progress in the browser (localStorage) for the HTML5 export. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var T = CP.tracking;
  var MAX_INTERACTIONS = 500;

  function openStorage(win) {
    try {
      var storage = win.localStorage;
      var probe = "coursePlayer:probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return storage;
    } catch (err) {
      return null; /* private mode or file:// policies: keep the record in memory only */
    }
  }

  function create(context) {
    var storage = openStorage(context.window);
    var key = "coursePlayer:" + context.courseId + ":" + (context.unit || "course");
    var record = { state: null, location: null, completion: false, success: null, score: null,
      progress: 0, interactions: [] };
    var errors = [];
    var finished = false;

    function load() {
      if (!storage) { return; }
      try {
        var saved = JSON.parse(storage.getItem(key) || "null");
        if (saved && typeof saved === "object") {
          Object.keys(record).forEach(function (name) {
            if (Object.prototype.hasOwnProperty.call(saved, name)) { record[name] = saved[name]; }
          });
        }
      } catch (err) {
        errors.push({ call: "load", element: key, code: "parse" });
      }
    }

    function save() {
      if (!storage || finished) { return; }
      try { storage.setItem(key, JSON.stringify(record)); }
      catch (err) { errors.push({ call: "save", element: key, code: "quota" }); }
    }

    return {
      name: "local",
      errors: errors,
      storageKey: key,
      start: function () {
        load();
        return { state: record.state, location: record.location, mode: "normal", learnerName: null };
      },
      saveState: function (text) { record.state = text; },
      setLocation: function (text) { record.location = text; },
      setProgress: function (fraction) { record.progress = fraction; },
      recordInteraction: function (ia) {
        record.interactions.push({ id: ia.id, type: ia.type, response: ia.response,
          result: ia.result, credit: ia.credit, latencyMs: ia.latencyMs, timestamp: ia.timestamp });
        if (record.interactions.length > MAX_INTERACTIONS) { record.interactions.shift(); }
      },
      setScore: function (score) { record.score = score; },
      setCompletion: function (done) { record.completion = record.completion || done; },
      setSuccess: function (passed) { if (passed !== null) { record.success = passed; } },
      commit: save,
      finish: function () {
        save();
        finished = true;
      },
      canContinue: function () { return false; },
      requestContinue: function () { return false; }
    };
  }

  T.register("local", create);
})(window);
