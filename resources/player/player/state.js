/* Compact resume state, small enough for SCORM 1.2's 4096-character cmi.suspend_data.
   Format (fields joined by "~"):
     "1" ~ itemCount(base36) ~ currentIndex(base36) ~ viewed bitset (base64url, LSB first)
         ~ quizzes, comma separated in quiz order: attempts(base36) "." best*100(base36 | empty) "." passed(0|1)
   An unattempted quiz is the empty string.
   Version "2" (compressed) is the same but for the viewed field: the lengths (base36) of the
   alternating runs of not viewed / viewed items, "." separated, starting with a not-viewed run
   (possibly 0); "-" when the viewed items were dropped to fit a limit: every item before the
   current one then counts as viewed. Both versions decode.
   The version may be followed by "@" and the language the learner chose (a BCP 47 tag) in a
   package with several languages.
   Either version may end with a sixth field, what the learner wrote in essays: a JSON object
   {questionId: text}, written last and only when there is some, so that its text may hold
   any character ("~" included). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer = global.CoursePlayer || {};
  var VERSION = "1";
  var COMPRESSED = "2";
  var DROPPED = "-";

  function bitsToBase64(bits) {
    var bytes = "";
    for (var i = 0; i < bits.length; i += 8) {
      var byte = 0;
      for (var b = 0; b < 8 && i + b < bits.length; b += 1) {
        if (bits[i + b]) { byte |= 1 << b; }
      }
      bytes += String.fromCharCode(byte);
    }
    return global.btoa(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function base64ToBits(text, count) {
    var padded = text.replace(/-/g, "+").replace(/_/g, "/");
    while (padded.length % 4) { padded += "="; }
    var bytes = global.atob(padded);
    var bits = [];
    for (var i = 0; i < count; i += 1) {
      var byte = bytes.charCodeAt(i >> 3) || 0;
      bits.push((byte >> (i & 7) & 1) === 1);
    }
    return bits;
  }

  function encodeQuiz(q) {
    if (!q || !q.attempts) { return ""; }
    var best = q.best === null || q.best === undefined ? "" : Math.round(q.best * 100).toString(36);
    return q.attempts.toString(36) + "." + best + "." + (q.passed ? "1" : "0");
  }

  function decodeQuiz(text) {
    if (!text) { return { attempts: 0, best: null, passed: false }; }
    var parts = text.split(".");
    if (parts.length !== 3) { throw new Error("bad quiz record"); }
    var attempts = parseInt(parts[0], 36);
    var best = parts[1] === "" ? null : parseInt(parts[1], 36) / 100;
    if (!(attempts >= 0) || (best !== null && !(best >= 0))) { throw new Error("bad quiz record"); }
    return { attempts: attempts, best: best, passed: parts[2] === "1" };
  }

  function bitsToRuns(bits) {
    var runs = [];
    var value = false;
    var length = 0;
    bits.forEach(function (bit) {
      if (!!bit === value) { length += 1; return; }
      runs.push(length.toString(36));
      value = !value;
      length = 1;
    });
    runs.push(length.toString(36));
    return runs.join(".");
  }

  function runsToBits(text, count, index) {
    var bits = [];
    var i;
    if (text === DROPPED) {
      for (i = 0; i < count; i += 1) { bits.push(i < index); }
      return bits;
    }
    text.split(".").forEach(function (run, k) {
      var length = parseInt(run, 36);
      if (!(length >= 0) || bits.length + length > count) { throw new Error("bad runs"); }
      for (i = 0; i < length; i += 1) { bits.push(k % 2 === 1); }
    });
    if (bits.length !== count) { throw new Error("bad runs"); }
    return bits;
  }

  function essaysOf(state) {
    var kept = {};
    var any = false;
    Object.keys(state.essays || {}).forEach(function (id) {
      var text = state.essays[id];
      if (typeof text === "string" && text !== "") { kept[id] = text; any = true; }
    });
    return any ? kept : null;
  }

  function join(version, state, viewed, withEssays) {
    var fields = [
      version + (state.lang ? "@" + state.lang : ""),
      state.viewed.length.toString(36),
      state.index.toString(36),
      viewed,
      state.quizzes.map(encodeQuiz).join(",")
    ];
    var essays = withEssays === false ? null : essaysOf(state);
    if (essays) { fields.push(JSON.stringify(essays)); }
    return fields.join("~");
  }

  /* state: {index, viewed: [bool], quizzes: [{attempts, best, passed}],
     essays: {questionId: text} (optional), lang: chosen language tag (optional)};
     compress: write version 2 (run lengths of the viewed items) instead of the bitset. */
  function encode(state, compress) {
    return compress ? join(COMPRESSED, state, bitsToRuns(state.viewed))
      : join(VERSION, state, bitsToBase64(state.viewed));
  }

  /* The longest faithful encoding within limit characters (0: no limit): the chosen encoding,
     else the viewed items dropped (rebuilt on resume from the current index), else the essays'
     text dropped too. Answers {text, reduced: bool}, text null when not even that fits. */
  function fit(state, limit, compress) {
    var text = encode(state, compress);
    if (!limit || text.length <= limit) { return { text: text, reduced: false }; }
    text = join(COMPRESSED, state, DROPPED);
    if (text.length > limit) { text = join(COMPRESSED, state, DROPPED, false); }
    return { text: text.length <= limit ? text : null, reduced: true };
  }

  /* The essays field: {questionId: text}; anything else reads as none (progress is kept). */
  function decodeEssays(text) {
    var essays = {};
    if (!text) { return essays; }
    try {
      var parsed = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        Object.keys(parsed).forEach(function (id) {
          if (typeof parsed[id] === "string") { essays[id] = parsed[id]; }
        });
      }
    } catch (err) { /* damaged: no essays */ }
    return essays;
  }

  /* -> {index, viewed, quizzes, essays (only when some text was kept), lang (only when one
     was chosen)}; null when the text is absent, damaged or made for another item list. */
  function decode(text, itemCount, quizCount) {
    if (typeof text !== "string" || !text) { return null; }
    var parts = text.split("~");
    var essays = parts.length > 5 ? parts.slice(5).join("~") : "";
    var lang = parts[0].split("@")[1];
    parts[0] = parts[0].split("@")[0];
    if (parts.length < 5 || (parts[0] !== VERSION && parts[0] !== COMPRESSED)) { return null; }
    try {
      if (parseInt(parts[1], 36) !== itemCount) { return null; }
      var index = parseInt(parts[2], 36);
      if (!(index >= 0 && index <= itemCount)) { return null; }
      var quizzes = parts[4] === "" && quizCount <= 1 ? [parts[4]] : parts[4].split(",");
      if (quizCount === 0) { quizzes = []; }
      if (quizzes.length !== quizCount) { return null; }
      var decoded = {
        index: index,
        viewed: parts[0] === VERSION ? base64ToBits(parts[3], itemCount)
          : runsToBits(parts[3], itemCount, index),
        quizzes: quizzes.map(decodeQuiz)
      };
      var kept = decodeEssays(essays);
      if (Object.keys(kept).length) { decoded.essays = kept; }
      if (lang && /^[A-Za-z0-9-]+$/.test(lang)) { decoded.lang = lang; }
      return decoded;
    } catch (err) {
      return null;
    }
  }

  CP.resumeState = { encode: encode, decode: decode, fit: fit };
})(window);
