/* The player audit's common ground (window.A11yAudit, "A" in the audit's scripts): the player
   under audit (A.frame, A.win, A.doc, set once its page has loaded), what the checks found so
   far, and the small helpers every check uses. Loaded first by audit.html. */
(function (global) {
  "use strict";

  var A = global.A11yAudit = {
    frame: null, win: null, doc: null,
    findings: [],   /* {criterion, outcome, text, item, source, state, more} */
    tallies: {},    /* criterion|source|noun -> {criterion, source, noun, count, states, perState} */
    seen: {},       /* criterion|source|text -> the finding, to count repeats instead */
    chrome: null,   /* the bars' controls in the first state checked */
    chromeDiffers: null,  /* the first state whose bars differ from those */
    INTERACTIVE: "button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button]," +
      " [role=link], [role=checkbox], [role=radio], [role=tab], [role=menuitem], [role=switch], [tabindex]",
    CONTROL: "button, a[href], input, select, textarea, summary, [role=button], [role=link], [role=checkbox]," +
      " [role=radio], [role=tab], [role=menuitem], [role=switch]"
  };

  A.sleep = function (ms) { return new Promise(function (r) { global.setTimeout(r, ms); }); };

  A.waitFor = async function (test, ms) {
    var until = Date.now() + ms;
    for (;;) {
      var v = test();
      if (v) { return v; }
      if (Date.now() > until) { return null; }
      await A.sleep(20);
    }
  };

  /* Lets layout and the page's own timers catch up after the audit changed something. */
  A.settle = function () { void A.doc.documentElement.offsetWidth; return A.sleep(30); };

  A.text = function (n) { return n ? String(n.textContent || "").replace(/\s+/g, " ").trim() : ""; };

  /* A short CSS path naming an element in a finding: its id (not a generated one), else
     tag.class up to four levels. */
  A.selector = function (node) {
    var parts = [];
    while (node && node.nodeType === 1 && parts.length < 4) {
      if (node.id && !/^cp-\d|-\d+$/.test(node.id)) { parts.unshift("#" + node.id); break; }
      var part = node.tagName.toLowerCase();
      var cls = (node.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean)[0];
      if (cls) { part += "." + cls; }
      parts.unshift(part);
      node = node.parentElement;
    }
    return parts.join(" > ");
  };

  /* "Name" (selector) of a control, as a finding names it. */
  A.label = function (node) {
    var doc = A.doc;
    var name = node.getAttribute("aria-label") || A.text(node) || node.getAttribute("title") || "";
    if (!name && node.id) { name = A.text(doc.querySelector("label[for='" + node.id + "']")); }
    if (!name && node.closest("label")) { name = A.text(node.closest("label")); }
    name = name.slice(0, 40);
    return name ? "\"" + name + "\" (" + A.selector(node) + ")" : A.selector(node);
  };

  A.shown = function (node) {
    if (node.closest("[hidden], [inert]") || !node.getClientRects().length) { return false; }
    var style = A.win.getComputedStyle(node);
    return style.visibility !== "hidden" && style.display !== "none";
  };

  /* A problem seen in ``state`` ({name, item}) at ``node`` (null: the page as a whole). The
     same problem seen again is counted, not repeated. */
  A.fail = function (criterion, source, state, node, what, outcome) {
    var key = criterion + "|" + source + "|" + what;
    if (A.seen[key]) { A.seen[key].more += 1; return; }
    var main = A.doc.getElementById("main");
    var inMain = node && main && main.contains(node);
    var f = { criterion: criterion, outcome: outcome || "fail", text: what, source: source,
      state: state.name, item: inMain || !node ? state.item : null, more: 0 };
    A.seen[key] = f;
    A.findings.push(f);
  };

  /* A check that ran clean: ``count`` things (the noun says what) in ``state``. */
  A.tally = function (criterion, source, noun, count, state) {
    var key = criterion + "|" + source + "|" + noun;
    var t = A.tallies[key] || (A.tallies[key] = { criterion: criterion, source: source, noun: noun,
      count: 0, states: {}, perState: false });
    t.count += count;
    if (state) { t.states[state.name] = true; }
  };

  /* A per-state check that ran clean (the noun says what held in each state). */
  A.held = function (criterion, source, noun, state) {
    A.tally(criterion, source, noun, 1, state);
    A.tallies[criterion + "|" + source + "|" + noun].perState = true;
  };

  /* A finding about the player as a whole. */
  A.note = function (criterion, source, outcome, what) {
    A.findings.push({ criterion: criterion, outcome: outcome, text: what, source: source, state: "",
      item: null, more: 0 });
  };
})(window);
