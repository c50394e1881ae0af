/* xAPI 1.0.3 statements for the course: activity IRIs, cmi.interaction definitions, and the
   xAPI Video Profile, shared by the Tin Can and cmi5 adapters.

   IRIs match the exporter (studio/export/tincan.py): urn:course-studio:<uuid> for the
   course, then /module/, /lesson/, /item/ and /interaction/ below it. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var F = CP.tracking.format;
  var ADL = "http://adlnet.gov/expapi/verbs/";
  var VIDEO = "https://w3id.org/xapi/video/";
  var VERBS = {
    initialized: ADL + "initialized", experienced: ADL + "experienced", answered: ADL + "answered",
    passed: ADL + "passed", failed: ADL + "failed", completed: ADL + "completed",
    terminated: ADL + "terminated", played: VIDEO + "verbs/played", paused: VIDEO + "verbs/paused",
    seeked: VIDEO + "verbs/seeked"
  };
  var TYPES = {
    course: "http://adlnet.gov/expapi/activities/course",
    lesson: "http://adlnet.gov/expapi/activities/lesson",
    video: VIDEO + "activity-type/video",
    slide: "http://id.tincanapi.com/activitytype/slide",
    page: "http://activitystrea.ms/schema/1.0/page",
    quiz: "http://adlnet.gov/expapi/activities/assessment",
    interaction: "http://adlnet.gov/expapi/activities/cmi.interaction"
  };
  var END_SLACK = 0.3;
  /* The studio's own context extensions (studio/xray/rows.py): on a clip's statements its cut
     as exported {in, out (s of the source), version}; on an answered statement the version of
     the question asked. They let learner data be placed on a timeline edited since. */
  var EXTENSIONS = {
    clip: "https://w3id.org/xapi/course-studio/extensions/clip",
    questionVersion: "https://w3id.org/xapi/course-studio/extensions/question-version"
  };

  function uuid(win) {
    var bytes = new Uint8Array(16);
    win.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function courseIri(courseId) {
    return "urn:course-studio:" + encodeURIComponent(String(courseId).replace(/^urn:uuid:/, ""));
  }

  function childIri(courseId, kind, id) { return courseIri(courseId) + "/" + kind + "/" + encodeURIComponent(id); }

  function seconds(x) { return Math.round(x * 1000) / 1000; }

  /* ---- cmi.interaction --------------------------------------------------------------------- */

  function components(list, language) {
    return list.map(function (c) {
      var description = {};
      description[language] = c.text;
      return { id: c.id, description: description };
    });
  }

  function ids(value) { return Array.isArray(value) ? value.map(String) : []; }

  /* result.response of an answered statement (xAPI 1.0.3 §2.4.4.1 response patterns): options
     by their ids; multiple and hotspot picks sorted, matching and dragdrop source[.]target,
     an essay's full text. */
  function responsePattern(ia, value) {
    switch (ia.type) {
      case "choice": case "likert": return value === null || value === undefined ? "" : String(value);
      case "multiple": case "hotspot": return ids(value).sort().join("[,]");
      case "sequencing": return ids(value).join("[,]");
      case "truefalse": return value ? "true" : "false";
      case "fill": case "essay": return String(value === null || value === undefined ? "" : value);
      case "numeric": return typeof value === "number" ? F.number(value) : "";
      case "matching": case "dragdrop":
        return ia.sources.map(function (s) { return value && value[s.id] ? s.id + "[.]" + value[s.id] : null; })
          .filter(Boolean).join("[,]");
      default: return "";
    }
  }

  function correctPatterns(ia, question) {
    if (ia.correct === null) { return null; }
    if (ia.type === "fill") {
      var flag = question && question.caseSensitive ? "{case_matters=true}" : "";
      return ia.correct.map(function (answer) { return flag + answer; });
    }
    if (ia.type === "numeric") {
      return [(ia.correct.min !== null ? F.number(ia.correct.min) : "") + "[:]" +
        (ia.correct.max !== null ? F.number(ia.correct.max) : "")];
    }
    return [responsePattern(ia, ia.correct)];
  }

  /* The cmi.interaction activity of a neutral interaction (xAPI 1.0.3 §2.4.4.1): name and
     description from the prompt, interactionType, correctResponsesPattern (absent when
     unscored), and the component lists keyed by language. */
  function interactionActivity(courseId, ia, question, language) {
    var definition = { type: TYPES.interaction, name: {}, description: {}, interactionType: ia.interaction };
    definition.name[language] = F.truncate(ia.description, 250) || ia.id;
    definition.description[language] = ia.description || ia.id;
    var patterns = correctPatterns(ia, question);
    if (patterns) { definition.correctResponsesPattern = patterns; }
    if (ia.type === "likert") {
      definition.scale = components(ia.choices, language);
    } else if (ia.sources.length) {
      definition.source = components(ia.sources, language);
      definition.target = components(ia.targets, language);
    } else if (ia.choices.length) {
      definition.choices = components(ia.choices, language);
    }
    return { objectType: "Activity", id: childIri(courseId, "interaction", ia.id), definition: definition };
  }

  /* result of an answered statement: the response, the latency as duration and, when scored,
     success (fully right) and score {raw: points x credit, min: 0, max: points, scaled: credit}. */
  function interactionResult(ia) {
    var result = { response: responsePattern(ia, ia.response), duration: F.duration2004(ia.latencyMs) };
    if (ia.credit !== null) {
      result.success = ia.credit >= 1;
      result.score = { raw: roundScore(ia.weighting * ia.credit), min: 0, max: ia.weighting,
        scaled: roundScore(ia.credit) };
    }
    return result;
  }

  /* A score as a JSON number without binary noise (0.1 x 3 gives 0.3, not 0.30000000000000004). */
  function roundScore(x) { return Math.round(x * 1e6) / 1e6; }

  /* ---- the course's activities ------------------------------------------------------------ */

  function Catalogue(data) {
    var byId = {};
    (data.modules || []).forEach(function (module) {
      (module.lessons || []).forEach(function (lesson) {
        (lesson.items || []).forEach(function (item) {
          byId[item.id] = { item: item, lesson: lesson, module: module };
          (item.questions || []).forEach(function (q) {
            byId[item.id + "_" + q.id] = { question: q, item: item, lesson: lesson, module: module };
          });
          (item.cues || []).forEach(function (cue) {
            (cue.questions || []).forEach(function (q) {
              byId[item.id + "_" + cue.id + "_" + q.id] = { question: q, item: item, lesson: lesson, module: module };
            });
          });
        });
      });
    });
    var courseId = data.course.id;
    var language = data.course.language || "en";
    function named(id, type, title) {
      var definition = { type: type, name: {} };
      definition.name[language] = F.truncate(title, 250) || id;
      return { objectType: "Activity", id: id, definition: definition };
    }
    return {
      courseId: courseId, language: language, find: function (id) { return byId[id] || null; },
      course: function (id) { return named(id || courseIri(courseId), TYPES.course, data.course.title); },
      lesson: function (lesson) { return named(childIri(courseId, "lesson", lesson.id), TYPES.lesson, lesson.title); },
      item: function (item) { return named(childIri(courseId, "item", item.id), TYPES[item.kind], item.title); },
      interaction: function (ia) {
        var entry = byId[ia.id];
        return interactionActivity(courseId, ia, entry && entry.question, language);
      }
    };
  }

  /* ---- the xAPI Video Profile --------------------------------------------------------------- */

  function segmentsText(segments) {
    return segments.map(function (s) { return seconds(s[0]) + "[.]" + seconds(s[1]); }).join("[,]");
  }

  function coverage(segments, length) {
    var sorted = segments.map(function (s) { return [Math.min(s[0], s[1]), Math.max(s[0], s[1])]; })
      .sort(function (a, b) { return a[0] - b[0]; });
    var total = 0;
    var reach = 0;
    sorted.forEach(function (s) {
      var from = Math.max(s[0], reach);
      if (s[1] > from) { total += s[1] - from; }
      reach = Math.max(reach, s[1]);
    });
    return length > 0 ? Math.min(1, Math.round(total / length * 1000) / 1000) : 0;
  }

  /* Watches the video elements of the page (media events reach document listeners in the
     capture phase) and reports each viewing through send(verb, item, result, extensions). */
  function VideoWatcher(win, currentItem, send) {
    var sessions = typeof win.WeakMap === "function" ? new win.WeakMap() : null;

    function sessionOf(video) {
      var item = currentItem();
      if (!sessions || !item || item.kind !== "video") { return null; }
      var s = sessions.get(video);
      if (!s) {
        var start = typeof item.start === "number" ? item.start : 0;
        var end = typeof item.end === "number" && item.end > start ? item.end : null;
        s = { item: item, id: uuid(win), start: start, end: end, segments: [], from: null,
          last: 0, seekFrom: null, begun: 0, initialized: false, completed: false };
        sessions.set(video, s);
      }
      return s;
    }
    function length(s, video) {
      var end = s.end !== null ? s.end : video.duration;
      return isFinite(end) ? seconds(end - s.start) : 0;
    }
    function at(s, video) { return seconds(Math.max(0, video.currentTime - s.start)); }
    function extensions(s, video) {
      var ext = {};
      ext[VIDEO + "extensions/session-id"] = s.id;
      ext[VIDEO + "extensions/length"] = length(s, video);
      ext[VIDEO + "extensions/completion-threshold"] = 1;
      return ext;
    }
    function closeSegment(s, to) {
      if (s.from !== null && to >= s.from) { s.segments.push([s.from, to]); }
      s.from = null;
    }
    function progressResult(s, video, time) {
      var r = {};
      r[VIDEO + "extensions/time"] = time;
      r[VIDEO + "extensions/played-segments"] = segmentsText(s.segments);
      r[VIDEO + "extensions/progress"] = coverage(s.segments, length(s, video));
      return r;
    }
    function report(verb, s, video, resultExt, extra) {
      var result = { extensions: resultExt };
      Object.keys(extra || {}).forEach(function (k) { result[k] = extra[k]; });
      send(verb, s.item, result, extensions(s, video));
    }
    function maybeComplete(s, video, time) {
      if (s.completed || time < length(s, video) - END_SLACK) { return; }
      closeSegment(s, time);
      s.completed = true;
      report("completed", s, video, progressResult(s, video, time),
        { completion: true, duration: F.duration2004(Date.now() - s.begun) });
    }

    function handle(event) {
      var video = event.target;
      if (!video || video.tagName !== "VIDEO") { return; }
      var s = sessionOf(video);
      if (!s) { return; }
      var t = at(s, video);
      var ext = {};
      if (event.type === "play") {
        if (!s.initialized) {
          s.initialized = true;
          s.begun = Date.now();
          send("initialized", s.item, null, extensions(s, video));
        }
        s.from = t;
        ext[VIDEO + "extensions/time"] = t;
        report("played", s, video, ext);
      } else if (event.type === "pause" && s.initialized) {
        closeSegment(s, t);
        if (!s.completed && t >= length(s, video) - END_SLACK) { maybeComplete(s, video, t); return; }
        if (!s.completed) { report("paused", s, video, progressResult(s, video, t)); }
      } else if (event.type === "seeking" && s.initialized && s.seekFrom === null) {
        /* where the seek starts: browsers fire a timeupdate at the landing point before
           seeked, so by then the last known time is already the new one */
        s.seekFrom = s.last;
      } else if (event.type === "seeked" && s.initialized) {
        var from = s.seekFrom !== null ? s.seekFrom : s.last;
        s.seekFrom = null;
        if (Math.abs(t - from) > 0.05) {
          var playing = s.from !== null;
          closeSegment(s, from);
          ext[VIDEO + "extensions/time-from"] = from;
          ext[VIDEO + "extensions/time-to"] = t;
          report("seeked", s, video, ext);
          if (playing && !video.paused) { s.from = t; }
        }
        s.last = t;
      } else if (event.type === "timeupdate" && s.initialized && !video.seeking) {
        s.last = t;
      } else if (event.type === "ended" && s.initialized) {
        maybeComplete(s, video, t);
      }
    }

    ["play", "pause", "seeking", "seeked", "timeupdate", "ended"].forEach(function (type) {
      win.document.addEventListener(type, handle, true);
    });
    return { segmentsText: segmentsText, coverage: coverage };
  }

  /* Agents in launch parameters may use the old Tin Can shape (arrays of values). */
  function agentFrom(value) {
    var agent = typeof value === "string" ? JSON.parse(value) : value;
    var out = { objectType: "Agent" };
    ["name", "mbox", "mbox_sha1sum", "openid"].forEach(function (key) {
      var v = Array.isArray(agent[key]) ? agent[key][0] : agent[key];
      if (v) { out[key] = v; }
    });
    var account = Array.isArray(agent.account) ? agent.account[0] : agent.account;
    if (account) {
      out.account = { homePage: account.homePage || account.accountServiceHomePage,
        name: account.name || account.accountName };
    }
    return out;
  }

  CP.xapi = {
    VERBS: VERBS, TYPES: TYPES, EXTENSIONS: EXTENSIONS, uuid: uuid, courseIri: courseIri, childIri: childIri,
    Catalogue: Catalogue, VideoWatcher: VideoWatcher, interactionResult: interactionResult,
    interactionActivity: interactionActivity,
    responsePattern: responsePattern, agentFrom: agentFrom, segmentsText: segmentsText, coverage: coverage
  };
})(window);
