/* The player audit: loads a package's launch page in an iframe, walks every state a learner
   meets (cover, each item, a clip with captions shown, its cue-point questions, each quiz
   before answering, with the empty-submit errors and after submit with feedback, the outline
   open, the results, the resume question of a second launch) and checks each one: axe-core
   (WCAG 2.x A/AA tags), the keyboard walk (audit_keyboard.js), target sizes, reflow, text
   spacing and page facts (audit_layout.js), and drag questions answered by single clicks.
   Engine-agnostic: it needs only the DOM.

   audit.html?launch=/pkg/index.html&axe=/axe/axe.min.js
   When done: window.twinResult = {launch, states: [name...], findings: [{criterion, outcome,
   text, item, source, state}], tallies: [{criterion, source, noun, count, states, per_state}]
   (checks that ran clean), axe: {violations: [{rule, help, tags, state, item, target, more}],
   passes: {rule: {tags, nodes, states}}}, elapsed_ms, error}; window.twinDone = true. */
(function (global) {
  "use strict";

  var A = global.A11yAudit;
  var text = A.text, label = A.label, shown = A.shown;
  var fail = A.fail, tally = A.tally, note = A.note;
  var settle = A.settle, waitFor = A.waitFor;
  var WIDTH = 1280, HEIGHT = 800;  /* CSS px: a laptop's window */
  var AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
  var params = new URLSearchParams(global.location.search);
  var CP = null;
  var started = Date.now();
  var axeOut = { violations: [], passes: {} };
  var axeSeen = {};
  var states = [];

  /* ---- axe-core --------------------------------------------------------------------------- */

  async function loadAxe() {
    if (A.win.axe) { return; }
    await new Promise(function (resolve, reject) {
      var s = A.doc.createElement("script");
      s.src = params.get("axe") || "/axe/axe.min.js";
      s.onload = resolve;
      s.onerror = function () { reject(new Error("axe-core could not be loaded")); };
      A.doc.head.appendChild(s);
    });
  }

  async function axe(state) {
    await loadAxe();
    var result = await A.win.axe.run(A.doc, { runOnly: { type: "tag", values: AXE_TAGS },
      resultTypes: ["violations", "passes"], elementRef: true });
    result.violations.forEach(function (v) {
      v.nodes.forEach(function (node) {
        var target = node.target.join(" ");
        var key = v.id + "|" + target;
        if (axeSeen[key]) { axeSeen[key].more += 1; return; }
        var inMain = node.element && A.doc.getElementById("main") && A.doc.getElementById("main").contains(node.element);
        var entry = { rule: v.id, help: v.help, tags: v.tags, state: state.name, item: inMain ? state.item : null,
          target: node.element ? label(node.element) : target, more: 0 };
        axeSeen[key] = entry;
        axeOut.violations.push(entry);
      });
    });
    result.passes.forEach(function (p) {
      var t = axeOut.passes[p.id] || (axeOut.passes[p.id] = { tags: p.tags, nodes: 0, states: 0 });
      t.nodes += p.nodes.length;
      t.states += 1;
    });
  }


  /* ---- questions ------------------------------------------------------------------------------ */

  /* The question types a learner might answer by dragging, named as a designer knows them. */
  var DRAG_TYPES = { matching: "matching", sequencing: "sequencing", dragdrop: "drag and drop" };

  /* Answers a question by single-pointer actions only: a click on a radio button or check box,
     an option chosen from a list box, text typed into a field. */
  function answerByClicks(node) {
    var done = {};
    Array.prototype.forEach.call(node.querySelectorAll("input[type=radio], input[type=checkbox]"), function (box) {
      if (!shown(box) && !(box.labels && box.labels.length && shown(box.labels[0]))) { return; }
      var key = box.type + box.name;
      if (done[key]) { return; }
      done[key] = true;
      (box.labels && box.labels[0] && shown(box.labels[0]) ? box.labels[0] : box).click();
    });
    var selects = Array.prototype.slice.call(node.querySelectorAll("select")).filter(shown);
    selects.forEach(function (select, i) {
      var options = Array.prototype.slice.call(select.options).filter(function (o) { return o.value !== ""; });
      if (!options.length) { return; }
      select.value = options[i % options.length].value;
      select.dispatchEvent(new A.win.Event("input", { bubbles: true }));
      select.dispatchEvent(new A.win.Event("change", { bubbles: true }));
    });
    Array.prototype.forEach.call(node.querySelectorAll("input[type=text], input:not([type]), textarea"), function (box) {
      if (!shown(box)) { return; }
      box.value = box.getAttribute("inputmode") === "decimal" ? "1" : "answer";
      box.dispatchEvent(new A.win.Event("input", { bubbles: true }));
      box.dispatchEvent(new A.win.Event("change", { bubbles: true }));
    });
  }

  function questionType(node) {
    var id = node.getAttribute("data-question");
    var found = null;
    (function scan(value) {
      if (found || !value || typeof value !== "object") { return; }
      if (Array.isArray(value)) { value.forEach(scan); return; }
      if (value.id === id && value.type && value.prompt !== undefined) { found = value.type; return; }
      Object.keys(value).forEach(function (k) { scan(value[k]); });
    })(A.win.COURSE_DATA);
    return found;
  }

  /* The questions a submit left unanswered: none once feedback shows; else those the form's
     alert names by number (text-only entries between questions have none) or marks invalid. */
  function unansweredOf(form, questions) {
    if (form.querySelector(".feedback p") || !form.isConnected) { return []; }
    var alert = form.querySelector("[role=alert]");
    var numbers = (text(alert).match(/\d+/g) || []).map(Number);
    var number = 0;
    return questions.filter(function (q) {
      if (questionType(q) !== "description") { number += 1; }
      return numbers.indexOf(number) >= 0 || !!q.querySelector("[aria-invalid=true]");
    });
  }

  /* Submits a form empty (the error state), then answered by clicks (the feedback state). */
  async function quizStates(base, scope, checkAll) {
    var form = scope.querySelector("form");
    var submit = form && Array.prototype.slice.call(form.querySelectorAll("button[type=submit]")).filter(shown)[0];
    if (!form || !submit) { return; }
    var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
    var position = text(A.doc.getElementById("position"));
    submit.click();
    await settle();
    var alert = form.querySelector("[role=alert], [aria-live]");
    var errState = sub(base, "errors after an empty submit");
    if (questions.length && alert && text(alert)) {
      tally("3.3.1", "player", "empty submits answered with an error message naming the questions", 1, errState);
      tally("3.3.3", "player", "error messages saying what to do (answer the questions named)", 1, errState);
    } else if (questions.length) {
      fail("3.3.1", "player", errState, form, "Submitting unanswered questions shows no error message in text.");
    }
    await checkAll(errState, false);
    questions.forEach(answerByClicks);
    await settle();
    if (text(A.doc.getElementById("position")) === position) {
      tally("3.2.2", "player", "answers given without a change of context", questions.length, errState);
    } else { fail("3.2.2", "player", errState, form, "Answering a question changed the item shown."); }
    submit.click();
    await settle();
    var clicked = sub(base, "answered by single clicks");
    var missing = unansweredOf(form, questions);
    questions.forEach(function (q) {
      var type = questionType(q);
      if (!Object.prototype.hasOwnProperty.call(DRAG_TYPES, type)) { return; }
      if (missing.indexOf(q) >= 0) {
        fail("2.5.7", "pointer", clicked, q, "The " + DRAG_TYPES[type] + " question \"" + text(q.querySelector("legend, h2, h3, p")).slice(0, 50) +
          "\" cannot be answered without dragging: give it a single-pointer alternative (a list box per item).");
      } else { tally("2.5.7", "pointer", "drag-type question(s) answered by single clicks alone", 1, clicked); }
    });
    var after = sub(base, "after submit with feedback");
    var live = Array.prototype.some.call(A.doc.querySelectorAll("[role=status], [role=alert], [aria-live], output"), function (n) {
      return text(n) && shown(n) || (n.id === "cp-live" && text(n));
    }) || (A.doc.activeElement && A.doc.activeElement !== A.doc.body && scope.contains(A.doc.activeElement));
    if (questions.length && !live) {
      fail("4.1.3", "player", after, form, "The result of a submit is neither announced (role=status/alert, " +
        "aria-live) nor given focus.");
    } else if (questions.length) { tally("4.1.3", "player", "submits whose result is announced or focused", 1, after); }
    await checkAll(after, false);
  }

  function sub(base, what) { return { name: base.name + ": " + what, item: base.item, kind: base.kind }; }

  /* ---- the walk --------------------------------------------------------------------------------- */

  async function check(state, layout) {
    states.push(state.name);
    await settle();
    await axe(state);
    A.keyboardWalk(state);
    A.targetSizes(state);
    A.media(state);
    A.pageFacts(state);
    if (layout) { await A.reflow(state); await A.textSpacing(state); }
  }

  async function cue(base, video, item, checkAll) {
    var cues = (item.cues || []).slice().sort(function (a, b) { return a.time - b.time; });
    var at = 0;
    Object.defineProperty(video, "currentTime", { configurable: true,
      get: function () { return at; }, set: function (v) { at = Number(v) || 0; } });
    Object.defineProperty(video, "paused", { configurable: true, get: function () { return true; } });
    for (var c = 0; c < cues.length; c += 1) {
      at = cues[c].time;
      video.dispatchEvent(new A.win.Event("timeupdate"));
      var panel = await waitFor(function () {
        var p = A.doc.querySelector(".cue-panel"); return p && !p.hidden ? p : null;
      }, 2000);
      if (!panel) { continue; }
      var state = sub(base, "question at " + cues[c].time + " s");
      await checkAll(state, false);
      await quizStates(state, panel, checkAll);
      var go = Array.prototype.slice.call(panel.querySelectorAll("button")).filter(function (b) {
        return shown(b) && (text(b) === CP.strings.continue || text(b) === CP.strings.skip);
      })[0];
      if (go) { go.click(); await settle(); }
    }
  }

  async function walk() {
    var app = CP.app;
    var entries = app.entries || [];
    var checkAll = function (state, layout) { return check(state, layout); };
    if (!A.doc.getElementById("item-title") || A.doc.querySelector(".cover")) {
      await check({ name: "cover", item: null, kind: "cover" }, true);
    }
    for (var i = 0; i < entries.length; i += 1) {
      var item = entries[i].item;
      app.go(i, true);
      await settle();
      var state = { name: item.kind + " " + item.id + " (" + (i + 1) + " of " + entries.length + ")", item: item.id, kind: item.kind };
      await check(state, true);
      var video = A.doc.querySelector("#main video");
      if (video) {
        Array.prototype.forEach.call(video.textTracks || [], function (t, k) { t.mode = k === 0 ? "showing" : "disabled"; });
        if ((video.textTracks || []).length) { await check(sub(state, "captions shown"), false); }
      }
      var medium = A.doc.querySelector("#main video, #main audio");
      if (medium && (item.cues || []).length) { await cue(state, medium, item, checkAll); }
      if (item.kind === "quiz") { await quizStates(state, A.doc.getElementById("main"), checkAll); }
    }
    var menu = A.doc.getElementById("menu");
    if (menu && !menu.disabled) {
      menu.click();
      await settle();
      await check({ name: "outline open", item: null, kind: "outline" }, false);
      var outline = A.doc.getElementById("outline");
      var listed = outline ? outline.querySelectorAll("button, a[href]").length : 0;
      if (listed >= entries.length && A.doc.getElementById("next") && A.doc.getElementById("previous")) {
        note("2.4.5", "player", "pass", "The outline lists every item of the launch, and Previous and Next " +
          "step through them: two ways to reach every item.");
      }
      menu.click();
    }
    app.go(entries.length, true);
    await settle();
    await check({ name: "results", item: null, kind: "results" }, true);
    await relaunch();
  }

  /* The learner comes back: the page loaded again over what the first visit kept (the
     browser's storage, or the audit's LMS), to see a resume question when the course asks one. */
  async function relaunch() {
    var loaded = new Promise(function (r) { A.frame.addEventListener("load", r, { once: true }); });
    A.win.location.reload();
    await loaded;
    await attach();
    var dialog = await waitFor(function () { return A.doc.querySelector("dialog[open], [aria-modal=true]"); }, 500);
    if (dialog && shown(dialog)) { await check({ name: "resume question", item: null, kind: "resume" }, true); }
  }

  async function attach() {
    A.win = A.frame.contentWindow;
    A.doc = A.win.document;
    try {
      if (A.win.screen && A.win.screen.orientation && A.win.screen.orientation.lock) {
        A.win.screen.orientation.lock = function () { A.win.__auditOrientationLocked = true; return Promise.reject(new Error("audit")); };
      }
    } catch (e) { /* read-only in some engines */ }
    CP = await waitFor(function () { return A.win.CoursePlayer && A.win.CoursePlayer.app ? A.win.CoursePlayer : null; }, 15000);
    if (!CP) { throw new Error("the player did not start"); }
    try { A.win.focus(); } catch (e) { /* not focusable: the checks use the DOM only */ }
  }

  function finish(error) {
    var tallies = Object.keys(A.tallies).sort().map(function (key) {
      var t = A.tallies[key];
      return { criterion: t.criterion, source: t.source, noun: t.noun, count: t.count,
        states: Object.keys(t.states).length, per_state: t.perState };
    });
    var dragged = A.findings.some(function (f) { return f.criterion === "2.5.7"; }) ||
      tallies.some(function (t) { return t.criterion === "2.5.7"; });
    if (!dragged) {
      note("2.5.7", "pointer", "not-applicable", "No question asks for dragging (matching, sequencing, drag and drop).");
    }
    if (A.chromeDiffers) {
      fail("3.2.3", "player", A.chromeDiffers, null, "The player's bars differ in " + A.chromeDiffers.name + ".");
    } else if (A.chrome !== null) {
      ["3.2.3", "3.2.4", "3.2.6"].forEach(function (c) {
        note(c, "player", "pass", "The same bars (the same controls with the same names in the same order) in every player state.");
      });
    }
    A.findings.forEach(function (f) {
      if (f.more) { f.text += " (also in " + f.more + " more place" + (f.more === 1 ? "" : "s") + ")"; }
      delete f.more;
    });
    global.twinResult = { launch: params.get("launch"), states: states, findings: A.findings, tallies: tallies,
      axe: axeOut, elapsed_ms: Date.now() - started, error: error || null };
    global.twinDone = true;
  }

  async function run() {
    A.frame = document.getElementById("player");
    A.frame.style.width = WIDTH + "px";
    A.frame.style.height = HEIGHT + "px";
    var loaded = new Promise(function (r) { A.frame.addEventListener("load", r, { once: true }); });
    A.frame.src = params.get("launch");
    await loaded;
    await attach();
    A.orientation();
    await walk();
    A.characterKeys({ name: "results", item: null });
  }

  /* What an engine asks for when its time runs out: the states reached, and why it stopped. */
  global.twinJournal = function () {
    return { launch: params.get("launch"), states: states, findings: [], tallies: [],
      axe: { violations: [], passes: {} }, error: "the audit stopped after " + states.length +
        " state(s): " + (states[states.length - 1] || "the player did not start") };
  };

  global.addEventListener("load", function () {
    run().then(function () { finish(null); }, function (e) { finish(String(e && e.message || e)); });
  });
})(window);
