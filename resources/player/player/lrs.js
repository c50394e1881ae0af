/* A Learning Record Store client: statements in order through a queue kept in localStorage,
   and State API documents with ETags.

   Statements carry ids set by the player and are sent one at a time with PUT ?statementId=,
   so a statement whose answer was lost can be sent again without being stored twice. Those
   that cannot be sent (LRS down, offline) stay in the queue, in order, and are sent later,
   also by the next launch. A statement the LRS refuses (4xx) is dropped and reported in
   errors: keeping it would hold up every statement behind it.

   The tracking interface is synchronous (start() returns the resume state), so the few
   requests needed before the course shows (the cmi5 token, the launch data, the resume
   document) are synchronous; everything after is asynchronous. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var VERSION = "1.0.3";
  var RETRY_MS = [500, 1000, 2000, 4000, 8000];
  var UNLOAD_BATCH_BYTES = 60000; /* keepalive requests may carry 64 KiB in all */

  function openStorage(win) {
    try {
      var storage = win.localStorage;
      storage.setItem("coursePlayer:probe", "1");
      storage.removeItem("coursePlayer:probe");
      return storage;
    } catch (err) {
      return null;
    }
  }

  function query(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== null && params[k] !== undefined; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); }).join("&");
  }

  /* options: {window, endpoint, auth, key (storage prefix), errors: []} */
  function Lrs(options) {
    var win = options.window;
    var endpoint = String(options.endpoint || "").replace(/\/?$/, "/");
    var storage = openStorage(win);
    var queueKey = "coursePlayer:xapi:" + options.key + ":queue";
    var docKey = "coursePlayer:xapi:" + options.key + ":doc:";
    var memory = {};
    var errors = options.errors;
    var etags = {};
    var pendingDocs = {};
    var inflight = null;  /* the write on its way: {stateId, body (JSON text), bytes} */
    var busy = false;
    var retry = 0;
    var timer = null;
    var closed = false;
    var listeners = [];
    var watchers = [];
    var trouble = null;   /* why statements are not getting through (null: they are) */
    var dropped = 0;      /* statements the LRS refused, dropped from the queue */

    function load(key, fallback) {
      try {
        var text = storage ? storage.getItem(key) : memory[key];
        return text ? JSON.parse(text) : fallback;
      } catch (err) { return fallback; }
    }
    function store(key, value) {
      var text = JSON.stringify(value);
      if (storage) {
        try { storage.setItem(key, text); return; } catch (err) { errors.push({ call: "store", element: key, code: "quota" }); }
      }
      memory[key] = text;
    }

    function headers(extra) {
      var h = { "X-Experience-API-Version": VERSION };
      if (options.auth) { h.Authorization = options.auth; }
      Object.keys(extra || {}).forEach(function (k) { h[k] = extra[k]; });
      return h;
    }

    /* A synchronous request, for the launch only. Returns {status, text, etag}; status 0 = no answer. */
    function requestSync(method, url, body, extra) {
      var xhr = new win.XMLHttpRequest();
      try {
        xhr.open(method, url, false);
        var h = headers(extra);
        Object.keys(h).forEach(function (k) { xhr.setRequestHeader(k, h[k]); });
        if (body !== undefined) { xhr.setRequestHeader("Content-Type", "application/json"); }
        xhr.send(body === undefined ? null : JSON.stringify(body));
        return { status: xhr.status, text: xhr.responseText, etag: xhr.getResponseHeader("ETag") };
      } catch (err) {
        return { status: 0, text: "", etag: null };
      }
    }

    function request(method, url, body, extra, keepalive) {
      var h = headers(extra);
      if (body !== undefined) { h["Content-Type"] = "application/json"; }
      return win.fetch(url, { method: method, headers: h, keepalive: !!keepalive, mode: "cors",
        body: body === undefined ? undefined : JSON.stringify(body) })
        .then(function (response) {
          return response.text().then(function (text) {
            return { status: response.status, text: text, etag: response.headers.get("ETag") };
          });
        }, function () { return { status: 0, text: "", etag: null }; });
    }

    function stateUrl(doc) {
      return endpoint + "activities/state?" + query({ activityId: doc.activityId, agent: JSON.stringify(doc.agent),
        registration: doc.registration, stateId: doc.stateId });
    }

    function readState(doc) {
      var answer = requestSync("GET", stateUrl(doc));
      if (answer.status === 200) {
        etags[doc.stateId] = answer.etag;
        try { return { ok: true, value: JSON.parse(answer.text) }; } catch (err) { return { ok: true, value: null }; }
      }
      if (answer.status === 404) { etags[doc.stateId] = null; return { ok: true, value: null }; }
      return { ok: false, value: null };
    }

    function queue() { return load(queueKey, []); }

    /* Tells the watchers {reason, queued, dropped}; reason: null (statements get through),
       "offline", "lrs-unreachable" (no answer, 5xx), "lrs-auth" (401, 403) or "lrs-refused"
       (a statement answered with another 4xx was dropped). */
    function tell(reason) {
      if (reason !== undefined) { trouble = reason; }
      var report = { reason: trouble, queued: queue().length, dropped: dropped };
      watchers.forEach(function (f) { f(report); });
    }

    function noAnswer() {
      return win.navigator && win.navigator.onLine === false ? "offline" : "lrs-unreachable";
    }

    function enqueue(statement) {
      var list = queue();
      list.push(statement);
      store(queueKey, list);
      tell();
      schedule(0);
    }

    function dropHead(id) {
      var list = queue();
      if (list.length && list[0].id === id) { list.shift(); store(queueKey, list); }
    }

    function schedule(ms) {
      if (closed || timer !== null || busy) { return; }
      timer = win.setTimeout(function () { timer = null; flush(); }, ms);
    }

    function failed() {
      busy = false;
      schedule(RETRY_MS[Math.min(retry, RETRY_MS.length - 1)]);
      retry += 1;
    }

    function flush() {
      if (busy || closed) { return; }
      var list = queue();
      if (!list.length) { flushDocuments(); return; }
      busy = true;
      var statement = list[0];
      request("PUT", endpoint + "statements?" + query({ statementId: statement.id }), statement)
        .then(function (answer) {
          if (answer.status === 0 || answer.status >= 500 || answer.status === 401 || answer.status === 403) {
            failed();
            tell(answer.status === 0 ? noAnswer() : answer.status >= 500 ? "lrs-unreachable" : "lrs-auth");
            return;
          }
          var refused = answer.status >= 400 && answer.status !== 409;
          if (refused) {
            errors.push({ call: "statement", element: statement.id, code: String(answer.status) });
            dropped += 1;
          }
          retry = 0;
          dropHead(statement.id);
          tell(refused ? "lrs-refused" : null);
          listeners.forEach(function (f) { f(statement, answer.status); });
          busy = false;
          flush();
        });
    }

    /* Documents wait until the statements before them are sent; only the latest one is kept. */
    function saveDocument(doc) {
      pendingDocs[doc.stateId] = doc;
      store(docKey + doc.stateId, doc.value);
      schedule(0);
    }

    function localDocument(stateId) { return load(docKey + stateId, null); }

    function flushDocuments() {
      var ids = Object.keys(pendingDocs);
      if (!ids.length || busy) { return; }
      busy = true;
      var doc = pendingDocs[ids[0]];
      var etag = etags[doc.stateId];
      var condition = etag ? { "If-Match": etag } : { "If-None-Match": "*" };
      inflight = { stateId: doc.stateId, body: JSON.stringify(doc.value) };
      inflight.bytes = inflight.body.length + stateUrl(doc).length;
      /* keepalive: a write on its way when the page goes still arrives (flushOnUnload) */
      request("PUT", stateUrl(doc), doc.value, condition, true).then(function (answer) {
        inflight = null;
        if (answer.status === 204 || answer.status === 200) {
          etags[doc.stateId] = answer.etag || null;
          if (pendingDocs[doc.stateId] === doc) { delete pendingDocs[doc.stateId]; }
          if (trouble !== null && trouble !== "lrs-refused") { tell(null); }
          retry = 0;
          busy = false;
          flush();
        } else if (answer.status === 412 || answer.status === 409) {
          /* Someone else wrote the document: learn its ETag, then write ours over it. */
          request("GET", stateUrl(doc)).then(function (current) {
            etags[doc.stateId] = current.status === 200 ? current.etag : null;
            if (current.status === 0) { failed(); return; }
            busy = false;
            flush();
          });
        } else if (answer.status === 0 || answer.status >= 500) {
          failed();
          tell(answer.status === 0 ? noAnswer() : "lrs-unreachable");
        } else {
          errors.push({ call: "state", element: doc.stateId, code: String(answer.status) });
          delete pendingDocs[doc.stateId];
          busy = false;
          flush();
        }
      });
    }

    /* The page is going away: hand what is queued to the browser in keepalive requests, in
       order. The queue stays stored, so a statement that did not arrive is sent by the
       next launch; the LRS ignores ids it already holds. A document whose latest value is
       already on its way is not sent again: its ETag is about to change, so a second write
       with the one we hold would be refused (412). A newer value than the one on its way is
       POSTed: a merge of all its properties needs no ETag (xAPI 1.0.3 Communication §2.3),
       and whichever write the LRS takes first, the newer value is what it keeps. */
    function flushOnUnload() {
      closed = true;
      var writes = [];
      Object.keys(pendingDocs).forEach(function (id) {
        var doc = pendingDocs[id];
        if (inflight && inflight.stateId === id) {
          if (JSON.stringify(doc.value) !== inflight.body) { writes.push(["POST", doc, {}]); }
          return;
        }
        var etag = etags[id];
        writes.push(["PUT", doc, etag ? { "If-Match": etag } : { "If-None-Match": "*" }]);
      });
      /* every keepalive request of the page shares one quota: documents first */
      var size = 2 + (inflight ? inflight.bytes : 0);
      writes.forEach(function (write) {
        size += JSON.stringify(write[1].value).length + stateUrl(write[1]).length;
      });
      var batch = [];
      queue().some(function (statement) {
        size += JSON.stringify(statement).length + 1;
        if (size > UNLOAD_BATCH_BYTES) { return true; }
        batch.push(statement);
        return false;
      });
      if (batch.length) { request("POST", endpoint + "statements", batch, {}, true); }
      writes.forEach(function (write) {
        request(write[0], stateUrl(write[1]), write[1].value, write[2], true);
      });
    }

    function pending() { return queue().length; }

    /* Try now, whatever the back-off was waiting for. */
    function kick() {
      if (timer !== null) { win.clearTimeout(timer); timer = null; }
      retry = 0;
      schedule(0);
    }

    win.addEventListener("online", function () {
      if (trouble === "offline" && !pending()) { tell(null); }
      kick();
    });
    win.addEventListener("offline", function () { tell("offline"); });

    return {
      requestSync: requestSync, readState: readState, enqueue: enqueue, saveDocument: saveDocument,
      localDocument: localDocument, flush: kick,
      flushOnUnload: flushOnUnload, pending: pending,
      onSent: function (f) { listeners.push(f); },
      /* f({reason, queued, dropped}) at every change of the queue or of its trouble */
      onStatus: function (f) { watchers.push(f); },
      status: function () { return { reason: trouble, queued: pending(), dropped: dropped }; },
      resume: function () { schedule(0); }
    };
  }

  CP.lrs = { Lrs: Lrs, VERSION: VERSION, query: query };
})(window);
