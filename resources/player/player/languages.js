/* The course in several languages: COURSE_DATA.languages lists them ([{tag, name, dir, src}],
   the package's default first); each one's data is a classic script of its own (src), loaded
   on demand with a <script> element (a package opened from a folder over file:// cannot fetch
   JSON). The picker is a labelled native <select> in the header: keyboard and screen reader
   behave as everywhere else, and each option carries its own lang. The learner's choice is
   also kept in localStorage, per course, for a launch whose LMS keeps no state. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;
  var loaded = {};
  var defaults = null;
  var EVENT = "cp-languagechange";  /* on document, after the page takes a language's strings */

  /* The page's lang and dir, from the course data shown (lang: what a pseudo-locale's text
     declares, its source language with a private-use subtag). */
  function dress(doc, course) {
    var lang = course.lang || course.language;
    if (lang) { doc.documentElement.setAttribute("lang", lang); }
    if (course.dir) { doc.documentElement.setAttribute("dir", course.dir); }
    /* what the player drew once and keeps (the tracking banner) says it again */
    doc.dispatchEvent(new doc.defaultView.CustomEvent(EVENT));
  }

  /* CP.strings back to the player's own, then the given language's (theme.strings). */
  function applyStrings(overrides) {
    if (defaults === null) {
      defaults = {};
      Object.keys(S).forEach(function (key) { if (typeof S[key] === "string") { defaults[key] = S[key]; } });
    }
    CP.applyStrings(defaults);
    CP.applyStrings(overrides);
  }

  /* The data of one language (an entry of COURSE_DATA.languages): done(data) or done(null)
     when its file cannot be read. win.COURSE_DATA is left as it was. */
  function load(win, entry, done) {
    if (loaded[entry.tag]) { done(loaded[entry.tag]); return; }
    var doc = win.document;
    var before = win.COURSE_DATA;
    var script = doc.createElement("script");
    function finish(ok) {
      var data = ok ? win.COURSE_DATA : null;
      win.COURSE_DATA = before;
      script.remove();
      if (data && data !== before && data.course) { loaded[entry.tag] = data; done(data); }
      else { done(null); }
    }
    script.addEventListener("load", function () { finish(true); });
    script.addEventListener("error", function () { finish(false); });
    script.src = entry.src;
    doc.head.appendChild(script);
  }

  function remember(data, tag) { loaded[tag] = data; }

  function storageKey(courseId) { return "cp-language:" + courseId; }

  function stored(win, courseId) {
    try { return win.localStorage.getItem(storageKey(courseId)); } catch (err) { return null; }
  }

  function store(win, courseId, tag) {
    try { win.localStorage.setItem(storageKey(courseId), tag); } catch (err) { /* private mode */ }
  }

  /* The entry of a tag among the languages, or null. */
  function find(languages, tag) {
    for (var i = 0; i < languages.length; i += 1) { if (languages[i].tag === tag) { return languages[i]; } }
    return null;
  }

  /* The picker in the header: onPick(entry) when the learner chooses another language. */
  function picker(doc, languages, current, onPick) {
    var id = "cp-language";
    var old = doc.getElementById(id + "-box");
    if (old) { old.remove(); }
    var select = el("select", { id: id, class: "language-picker" }, languages.map(function (entry) {
      return el("option", { value: entry.tag, lang: entry.lang || entry.tag, dir: entry.dir, text: entry.name || entry.tag,
        selected: entry.tag === current });
    }));
    select.value = current;
    select.addEventListener("change", function () {
      var entry = find(languages, select.value);
      if (entry) { onPick(entry); }
    });
    var box = el("div", { id: id + "-box", class: "language" }, [
      el("label", { for: id, class: "language-label", text: S.language }), select
    ]);
    var bar = doc.querySelector("header.bar");
    bar.appendChild(box);
    return select;
  }

  /* The key of an answer field within its question: a choice by its value (an id), a list
     box by the pair or item it answers, else its place. */
  function fieldKey(field, i) {
    if (field.type === "radio" || field.type === "checkbox") { return "v:" + field.value; }
    var pair = field.getAttribute("data-left") || field.getAttribute("data-item");
    return pair ? "p:" + pair : "i:" + i;
  }

  /* What the learner has answered, not yet submitted, in the forms under root; returns
     restore(root), which puts it back into the same questions (by question id and answer
     ids) once they are drawn again in another language. */
  function keepAnswers(root) {
    var kept = {};
    Array.prototype.forEach.call(root.querySelectorAll("form.attempt [data-question]"), function (node) {
      var fields = node.querySelectorAll("input, select, textarea");
      if (!fields.length || fields[0].disabled) { return; }
      var answers = {};
      Array.prototype.forEach.call(fields, function (f, i) {
        answers[fieldKey(f, i)] = f.type === "radio" || f.type === "checkbox" ? f.checked : f.value;
      });
      kept[node.getAttribute("data-question")] = answers;
    });
    return function restore(target) {
      Array.prototype.forEach.call(target.querySelectorAll("form.attempt [data-question]"), function (node) {
        var answers = kept[node.getAttribute("data-question")];
        if (!answers) { return; }
        Array.prototype.forEach.call(node.querySelectorAll("input, select, textarea"), function (f, i) {
          var value = answers[fieldKey(f, i)];
          if (value === undefined || f.disabled) { return; }
          if (f.type === "radio" || f.type === "checkbox") { f.checked = value; }
          else { f.value = value; }
          if (value !== false && value !== "") { f.dispatchEvent(new global.Event("change", { bubbles: true })); }
        });
      });
    };
  }

  /* The picker after a switch: its label in the new language, the chosen one selected
     (the same element, so the focus stays on it). */
  function relabel(doc, select, tag) {
    select.value = tag;
    var label = doc.querySelector("label[for='" + select.id + "']");
    if (label) { label.textContent = S.language; }
  }

  CP.languages = { dress: dress, applyStrings: applyStrings, load: load, remember: remember,
    stored: stored, store: store, find: find, picker: picker, relabel: relabel,
    keepAnswers: keepAnswers, EVENT: EVENT };
})(window);
