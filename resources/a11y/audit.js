/* The player audit: loads a package's launch page in an iframe, walks every state a learner
   meets (cover, each item, a clip with captions shown, its cue-point question, each quiz before
   answering, with the empty-submit errors and after submit with feedback, the outline open,
   the results) and checks each one: axe-core (WCAG 2.x A/AA tags), a keyboard walk, target
   sizes, single-pointer answers to drag questions, reflow at 320 and 640 CSS px, text
   spacing, and facts of the page. Engine-agnostic: it needs only the DOM.

   audit.html?launch=/pkg/index.html&axe=/axe/axe.min.js
   When done: window.twinResult = {launch, states: [name...], findings: [{criterion, outcome,
   text, item, source, state}], axe: {violations: [{rule, help, tags, state, item, target,
   nodes}], passes: {rule: {tags, nodes, states}}}, elapsed_ms}; window.twinDone = true. */
(function (global) {
  "use strict";

  var WIDTH = 1280, HEIGHT = 800;
  var REFLOW_WIDTHS = [320, 640];  /* WCAG 1.4.10; 640 = 1280 at 200 % (1.4.4) */
  var TARGET_PX = 24;  /* WCAG 2.5.8 */
  var AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
  var SPACING = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;" +
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";  /* WCAG 1.4.12 */
  var INTERACTIVE = "button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button]," +
    " [role=link], [role=checkbox], [role=radio], [role=tab], [role=menuitem], [role=switch], [tabindex]";
  var params = new URLSearchParams(global.location.search);
  var frame, win, doc, CP;
  var started = Date.now();
  var findings = [];
  var seenFail = {};
  var tallies = {};
  var axeOut = { violations: [], passes: {} };
  var axeSeen = {};
  var states = [];
  var chrome = null;
  var chromeDiffers = null;

  function sleep(ms) { return new Promise(function (r) { global.setTimeout(r, ms); }); }

  async function waitFor(test, ms) {
    var until = Date.now() + ms;
    for (;;) {
      var v = test();
      if (v) { return v; }
      if (Date.now() > until) { return null; }
      await sleep(20);
    }
  }

  function settle() { void doc.documentElement.offsetWidth; return sleep(30); }

  function text(n) { return n ? String(n.textContent || "").replace(/\s+/g, " ").trim() : ""; }

  /* A short CSS path naming an element in a finding: its id, else tag.class up to an id. */
  function selector(node) {
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
  }

  function label(node) {
    var name = node.getAttribute("aria-label") || text(node) || node.getAttribute("title") || "";
    if (!name && node.id) { name = text(doc.querySelector("label[for='" + node.id + "']")); }
    if (!name && node.closest("label")) { name = text(node.closest("label")); }
    name = name.slice(0, 40);
    return name ? "\"" + name + "\" (" + selector(node) + ")" : selector(node);
  }

  function shown(node) {
    if (node.closest("[hidden], [inert]") || !node.getClientRects().length) { return false; }
    var style = win.getComputedStyle(node);
    return style.visibility !== "hidden" && style.display !== "none";
  }

  /* ---- findings ---------------------------------------------------------------------- */

  function fail(criterion, source, state, node, what, outcome) {
    var key = criterion + "|" + source + "|" + what;
    if (seenFail[key]) { seenFail[key].more += 1; return; }
    var inMain = node && doc.getElementById("main") && doc.getElementById("main").contains(node);
    var f = { criterion: criterion, outcome: outcome || "fail", text: what, source: source,
      state: state.name, item: inMain || !node ? state.item : null, more: 0 };
    seenFail[key] = f;
    findings.push(f);
  }

  /* A check that ran clean: counted per criterion and source, one PASS finding at the end. */
  /* A per-state check that ran clean (its noun says what held in each state). */
  function held(criterion, source, noun, state) {
    tally(criterion, source, noun, 1, state);
    tallies[criterion + "|" + source + "|" + noun].perState = true;
  }

  function tally(criterion, source, noun, count, state) {
    var key = criterion + "|" + source + "|" + noun;
    var t = tallies[key] || (tallies[key] = { criterion: criterion, source: source, noun: noun, count: 0, states: {} });
    t.count += count;
    if (state) { t.states[state.name] = true; }
  }

  function note(criterion, source, outcome, what) {
    findings.push({ criterion: criterion, outcome: outcome, text: what, source: source, state: "", item: null, more: 0 });
  }

  /* ---- the focus order ------------------------------------------------------------------ */

  function interactive() {
    return Array.prototype.slice.call(doc.querySelectorAll(INTERACTIVE)).filter(function (n) {
      if (n.disabled || !shown(n)) { return false; }
      if (n.getAttribute("tabindex") === "-1" && !n.matches("button, a[href], input, select, textarea, summary, [role]")) {
        return false;  /* a heading or region focused by script, no control */
      }
      return true;
    });
  }

  /* Sequential focus navigation order (HTML "tabindex-ordered focus navigation scope"):
     positive tabindex first, then DOM order; one radio button per group. */
  function tabOrder(nodes) {
    var radios = {};
    var order = nodes.filter(function (n) {
      if (n.tabIndex < 0) { return false; }
      if (n.type === "radio" && n.name) {
        var group = (n.form ? selector(n.form) : "") + "|" + n.name;
        var members = nodes.filter(function (m) { return m.type === "radio" && m.name === n.name && m.form === n.form; });
        var pick = members.filter(function (m) { return m.checked; })[0] || members[0];
        if (radios[group] || pick !== n) { return false; }
        radios[group] = true;
      }
      return true;
    });
    var positive = order.filter(function (n) { return n.tabIndex > 0; }).sort(function (a, b) { return a.tabIndex - b.tabIndex; });
    return positive.concat(order.filter(function (n) { return n.tabIndex === 0; }));
  }

  function reachable(node, order) {
    if (order.indexOf(node) >= 0) { return true; }
    if (node.type === "radio" && node.name) {
      return order.some(function (m) { return m.type === "radio" && m.name === node.name && m.form === node.form; });
    }
    return false;
  }

  var LOOK = ["outlineStyle", "outlineWidth", "outlineColor", "boxShadow", "borderTopColor", "borderTopWidth",
    "backgroundColor", "color", "textDecorationLine"];

  function look(node) {
    var s = win.getComputedStyle(node);
    var parts = LOOK.map(function (p) { return s[p]; });
    if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0) { parts[0] = parts[1] = parts[2] = "none"; }
    return parts.join("|");
  }

  /* Whether the stylesheets give ``node`` a focus indicator, for an engine whose page never
     has system focus (Qt WebEngine without a view matches no :focus): a :focus or
     :focus-visible rule for it that draws something, or none that takes the browser's own
     focus ring away. */
  var DRAWS = /^(outline|box-shadow|border|background|color|text-decoration)/;

  function focusRules() {
    var out = [];
    function scan(rules) {
      Array.prototype.forEach.call(rules || [], function (rule) {
        if (rule.media && !win.matchMedia(rule.media.mediaText).matches) { return; }
        if (rule.cssRules && !rule.selectorText) { scan(rule.cssRules); return; }
        if (rule.selectorText && rule.selectorText.indexOf(":focus") >= 0) { out.push(rule); }
      });
    }
    Array.prototype.forEach.call(doc.styleSheets, function (sheet) {
      try { scan(sheet.cssRules); } catch (e) { /* a sheet of another origin: not readable */ }
    });
    return out;
  }

  function focusRuleShows(node) {
    var draws = false, removes = false;
    focusRules().forEach(function (rule) {
      var applies = rule.selectorText.split(",").some(function (sel) {
        if (sel.indexOf(":focus") < 0 || sel.indexOf(":focus-within") >= 0) { return false; }
        var base = sel.replace(/:focus(-visible)?/g, "").trim();
        if (!base || /[\s>+~]$/.test(base)) { base += "*"; }
        try { return node.matches(base); } catch (e) { return false; }
      });
      if (!applies) { return; }
      for (var i = 0; i < rule.style.length; i += 1) {
        var prop = rule.style[i], value = rule.style.getPropertyValue(prop).trim();
        if (!DRAWS.test(prop)) { continue; }
        if (/^outline-(style|width)$/.test(prop) && (value === "none" || parseFloat(value) === 0)) { removes = true; }
        else if (!/^(none|0|0px|transparent|initial|unset)$/.test(value)) { draws = true; }
      }
    });
    return draws || !removes;
  }

  /* Content the learner opened and can close again (a disclosure: the control with
     aria-expanded=true that names it in aria-controls) does not count as hiding the focus
     (WCAG 2.2 Understanding 2.4.11: user-opened content). */
  function openedByLearner(node) {
    return Array.prototype.some.call(doc.querySelectorAll("[aria-expanded=true][aria-controls]"), function (c) {
      var region = doc.getElementById(c.getAttribute("aria-controls"));
      return region && region.contains(node);
    });
  }

  /* Any of five points of the element's box shows the element (WCAG 2.4.11: not entirely hidden). */
  function uncovered(node) {
    var r = node.getBoundingClientRect();
    var points = [[0.5, 0.5], [0.15, 0.15], [0.85, 0.15], [0.15, 0.85], [0.85, 0.85]];
    var inView = 0;
    for (var i = 0; i < points.length; i += 1) {
      var x = r.left + r.width * points[i][0], y = r.top + r.height * points[i][1];
      if (x < 0 || y < 0 || x >= win.innerWidth || y >= win.innerHeight) { continue; }
      inView += 1;
      var hit = doc.elementFromPoint(x, y);
      if (!hit || openedByLearner(hit) || hit === node || node.contains(hit) || hit.contains(node) ||
          (hit.closest("label") && hit.closest("label").contains(node)) ||
          (node.labels && Array.prototype.indexOf.call(node.labels, hit.closest("label")) >= 0)) { return true; }
    }
    return inView === 0 ? null : false;
  }

  function modalAround(node) { return node.closest("[aria-modal=true], dialog[open]"); }

  function pressTab(node, back) {
    var event = new win.KeyboardEvent("keydown", { key: "Tab", code: "Tab", keyCode: 9, which: 9,
      shiftKey: !!back, bubbles: true, cancelable: true });
    node.dispatchEvent(event);
    return event.defaultPrevented;
  }

  function keyboardWalk(state) {
    var nodes = interactive();
    var order = tabOrder(nodes);
    var position = text(doc.getElementById("position"));
    var missing = nodes.filter(function (n) { return !reachable(n, order); });
    missing.forEach(function (n) {
      fail("2.1.1", "keyboard", state, n, "The control " + label(n) + " cannot be reached with the Tab key " +
        "(tabindex=-1): give it a place in the tab order.");
    });
    tally("2.1.1", "keyboard", "controls reachable by Tab", nodes.length - missing.length, state);
    if (order.some(function (n) { return n.tabIndex > 0; })) {
      fail("2.4.3", "keyboard", state, null, "A positive tabindex changes the focus order away from the reading order: " +
        "check that the order still makes sense.", "review");
    } else { tally("2.4.3", "keyboard", "controls in reading (DOM) order", order.length, state); }
    var visible = 0, clear = 0, free = 0, calm = 0;
    order.forEach(function (n, i) {
      var before = look(n);
      n.focus({ preventScroll: false });
      if (doc.activeElement !== n) {
        fail("2.1.1", "keyboard", state, n, "The control " + label(n) + " does not take keyboard focus.");
        return;
      }
      if (!(n.matches(":focus") ? look(n) !== before : focusRuleShows(n))) {
        fail("2.4.7", "keyboard", state, n, "The control " + label(n) + " shows no focus indicator: " +
          "give it an outline or another visible change on :focus-visible.");
      } else { visible += 1; }
      var seen = uncovered(n);
      if (seen === false) {
        fail("2.4.11", "keyboard", state, n, "The focused control " + label(n) + " is hidden behind other content.");
      } else { clear += 1; }
      var trapped = false;
      [false, true].forEach(function (back) {
        if (trapped) { return; }
        n.focus();
        var prevented = pressTab(n, back);
        var now = doc.activeElement;
        var expected = order[back ? i - 1 : i + 1];
        if (prevented && (now === n || (now !== expected && !modalAround(n)))) { trapped = true; }
      });
      if (trapped) {
        fail("2.1.2", "keyboard", state, n, "Keyboard focus is trapped at " + label(n) +
          ": the Tab key does not move on from it.");
      } else { free += 1; }
      if (text(doc.getElementById("position")) === position) { calm += 1; }
      else { fail("3.2.1", "keyboard", state, n, "Focusing " + label(n) + " changed the item shown."); }
    });
    tally("2.4.7", "keyboard", "focused controls with a visible indicator", visible, state);
    tally("2.4.11", "keyboard", "focused controls not hidden by other content", clear, state);
    tally("2.1.2", "keyboard", "controls the Tab key moves on from", free, state);
    tally("3.2.1", "keyboard", "controls focused without a change of context", calm, state);
    if (doc.activeElement && doc.activeElement.blur) { doc.activeElement.blur(); }
  }

  /* ---- target size (WCAG 2.5.8) --------------------------------------------------------- */

  function targetRect(node) {
    var r = node.getBoundingClientRect();
    var box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    var labels = node.labels ? Array.prototype.slice.call(node.labels) : [];
    labels.forEach(function (l) {  /* a label activates its control: part of the target */
      var lr = l.getBoundingClientRect();
      if (!lr.width) { return; }
      box = { left: Math.min(box.left, lr.left), top: Math.min(box.top, lr.top),
        right: Math.max(box.right, lr.right), bottom: Math.max(box.bottom, lr.bottom) };
    });
    box.width = box.right - box.left; box.height = box.bottom - box.top;
    return box;
  }

  function inlineLink(node) {
    if (node.tagName !== "A" || win.getComputedStyle(node).display !== "inline") { return false; }
    return text(node.parentElement).length > text(node).length;
  }

  function distanceTo(x, y, r) {
    var dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
    return Math.sqrt(dx * dx + dy * dy);
  }

  function targetSizes(state) {
    var nodes = interactive().filter(function (n) { return !inlineLink(n) && n.tagName !== "VIDEO"; });
    var rects = nodes.map(targetRect);
    var small = [];
    rects.forEach(function (r, i) {
      if (r.width < TARGET_PX - 0.5 || r.height < TARGET_PX - 0.5) { small.push(i); }
    });
    var ok = nodes.length - small.length;
    small.forEach(function (i) {
      var r = rects[i], cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
      var crowded = rects.some(function (o, j) {
        if (j === i || nodes[j].contains(nodes[i]) || nodes[i].contains(nodes[j])) { return false; }
        if (small.indexOf(j) >= 0) {
          var ox = (o.left + o.right) / 2, oy = (o.top + o.bottom) / 2;
          return Math.sqrt((cx - ox) * (cx - ox) + (cy - oy) * (cy - oy)) < TARGET_PX;
        }
        return distanceTo(cx, cy, o) < TARGET_PX / 2;
      });
      if (crowded) {
        fail("2.5.8", "pointer", state, nodes[i], "The target " + label(nodes[i]) + " is " + Math.round(r.width) +
          " x " + Math.round(r.height) + " CSS px, under 24 x 24, and too close to other targets: enlarge it.");
      } else { ok += 1; }
    });
    tally("2.5.8", "pointer", "targets of at least 24 x 24 CSS px or spaced apart", ok, state);
  }

  /* ---- reflow (1.4.10, 1.4.4) and text spacing (1.4.12) ----------------------------------- */

  var EXEMPT = "video, canvas, img, svg, pre, table, iframe, map, [role=img]";  /* two-dimensional content */

  async function atWidth(width) {
    frame.style.width = width + "px";
    await settle();
    await sleep(60);
  }

  async function reflow(state) {
    for (var w = 0; w < REFLOW_WIDTHS.length; w += 1) {
      var width = REFLOW_WIDTHS[w];
      await atWidth(width);
      var root = doc.scrollingElement || doc.documentElement;
      var criteria = width === 320 ? ["1.4.10"] : ["1.4.10", "1.4.4"];
      var culprits = [];
      if (root.scrollWidth > root.clientWidth + 1) {
        var all = doc.body.querySelectorAll("*");
        for (var i = 0; i < all.length && culprits.length < 1; i += 1) {
          var n = all[i];
          if (n.closest(EXEMPT) || !n.getClientRects().length) { continue; }
          var r = n.getBoundingClientRect();
          if (r.right > root.clientWidth + 1 && r.width > 0 &&
              !Array.prototype.some.call(n.children, function (c) { return c.getBoundingClientRect().right > root.clientWidth + 1; })) {
            culprits.push(n);
          }
        }
      }
      criteria.forEach(function (c) {
        if (culprits.length) {
          fail(c, "reflow", state, culprits[0], "At " + width + " CSS px wide the content scrolls sideways: " +
            label(culprits[0]) + " is wider than the window.");
        } else { held(c, "reflow", "no sideways scrolling at " + width + " CSS px", state); }
      });
    }
    await atWidth(WIDTH);
  }

  function clipped() {
    var out = [];
    Array.prototype.forEach.call(doc.body.querySelectorAll("*"), function (n) {
      if (!text(n) || !n.getClientRects().length || n.matches("input, select, textarea, option")) { return; }
      var s = win.getComputedStyle(n);
      var hides = /hidden|clip/.test(s.overflowX + s.overflowY);
      if (!hides || n.clientWidth <= 2 || n.clientHeight <= 2) { return; }  /* visually hidden text */
      if (n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1) { out.push(n); }
    });
    return out;
  }

  async function textSpacing(state) {
    var before = clipped();
    var style = doc.createElement("style");
    style.textContent = SPACING;
    doc.head.appendChild(style);
    await settle();
    var after = clipped().filter(function (n) { return before.indexOf(n) < 0; });
    style.remove();
    await settle();
    after.slice(0, 1).forEach(function (n) {
      fail("1.4.12", "reflow", state, n, "With WCAG text spacing the text of " + label(n) + " is cut off: " +
        "let the box grow with its text.");
    });
    if (!after.length) { held("1.4.12", "reflow", "text stays whole with WCAG 1.4.12 text spacing", state); }
  }

  /* ---- axe-core --------------------------------------------------------------------------- */

  async function loadAxe() {
    if (win.axe) { return; }
    await new Promise(function (resolve, reject) {
      var s = doc.createElement("script");
      s.src = params.get("axe") || "/axe/axe.min.js";
      s.onload = resolve;
      s.onerror = function () { reject(new Error("axe-core could not be loaded")); };
      doc.head.appendChild(s);
    });
  }

  async function axe(state) {
    await loadAxe();
    var result = await win.axe.run(doc, { runOnly: { type: "tag", values: AXE_TAGS },
      resultTypes: ["violations", "passes"], elementRef: true });
    result.violations.forEach(function (v) {
      v.nodes.forEach(function (node) {
        var target = node.target.join(" ");
        var key = v.id + "|" + target;
        if (axeSeen[key]) { axeSeen[key].more += 1; return; }
        var inMain = node.element && doc.getElementById("main") && doc.getElementById("main").contains(node.element);
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

  /* ---- facts of the page ------------------------------------------------------------------- */

  function chromeSignature() {
    return Array.prototype.slice.call(doc.querySelectorAll("button, a[href], select"))
      .filter(function (n) { return !n.closest("#main, #outline") && shown(n); })
      .map(function (n) { return n.id + ":" + text(n); }).join("|");
  }

  function media(state) {
    Array.prototype.forEach.call(doc.querySelectorAll("audio, video"), function (m) {
      var playing = !m.paused && !m.muted && m.volume > 0;
      if (playing && !m.controls && !(doc.getElementById("main") || doc).querySelector("button")) {
        fail("1.4.2", "player", state, m, "Sound plays by itself with no control to pause it (" + selector(m) + ").");
      } else { tally("1.4.2", "player", "media elements that play no sound by themselves or have a pause control", 1, state); }
    });
    var endless = (doc.getAnimations ? doc.getAnimations() : []).filter(function (a) {
      var t = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming() : {};
      return a.playState === "running" && (t.iterations === Infinity || t.endTime > 5000);
    });
    if (endless.length) {
      var target = endless[0].effect && endless[0].effect.target;
      fail("2.2.2", "player", state, target || null, "Something moves for more than 5 s with no way to stop it" +
        (target ? " (" + selector(target) + ")" : "") + ".");
    } else { held("2.2.2", "player", "nothing moves for more than 5 s", state); }
    var now = chromeSignature();
    if (chrome === null) { chrome = now; } else if (now !== chrome && state.kind !== "cover") { chromeDiffers = state; }
  }

  function pageFacts(state) {
    var title = String(doc.title || "").trim();
    if (title) { held("2.4.2", "player", "the page has a title", state); }
    else { fail("2.4.2", "player", state, null, "The player page has no title."); }
    var lang = doc.documentElement.getAttribute("lang") || "";
    if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)) { held("3.1.1", "player", "the page has a valid lang attribute", state); }
    else { fail("3.1.1", "player", state, null, "The player page has no valid lang attribute."); }
    var skip = doc.querySelector("a[href^='#']");
    var landmarks = doc.querySelector("main, [role=main]") && doc.querySelector("nav, [role=navigation]");
    if (landmarks || (skip && doc.getElementById(skip.getAttribute("href").slice(1)))) {
      held("2.4.1", "player", "a skip link and main and navigation landmarks", state);
    } else { fail("2.4.1", "player", state, null, "No skip link or landmarks let a learner bypass the player's bars."); }
  }

  var KEYS = "abcdefghijklmnopqrstuvwxyz0123456789".split("").concat([" ", "?", "/", "+", "-"]);

  function characterKeys(state) {
    if (doc.activeElement && doc.activeElement.blur) { doc.activeElement.blur(); }
    var position = text(doc.getElementById("position"));
    var main = doc.getElementById("main");
    var before = main ? main.innerHTML.length : 0;
    var acted = KEYS.filter(function (key) {
      var event = new win.KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true });
      doc.body.dispatchEvent(event);
      return event.defaultPrevented;
    });
    var changed = text(doc.getElementById("position")) !== position || (main && main.innerHTML.length !== before);
    if (acted.length || changed) {
      fail("2.1.4", "keyboard", state, null, "Single character keys act as shortcuts (" +
        (acted.join(" ").trim() || "the content changed") + "): let the learner turn them off or remap them.");
    } else {
      note("2.1.4", "keyboard", "pass", KEYS.length + " single character keys pressed outside form fields: " +
        "none acted as a shortcut.");
    }
  }

  function orientation() {
    var locked = false;
    Array.prototype.forEach.call(doc.styleSheets, function (sheet) {
      var rules;
      try { rules = sheet.cssRules; } catch (e) { return; }
      Array.prototype.forEach.call(rules || [], function (rule) {
        if (rule.media && /orientation/.test(rule.media.mediaText) && /rotate|display:\s*none/.test(rule.cssText)) {
          locked = true;
        }
      });
    });
    if (win.__auditOrientationLocked) { locked = true; }
    if (locked) {
      fail("1.3.4", "player", { name: "stylesheets", item: null }, null, "The player restricts its view to one " +
        "orientation (a style rotates or hides content by orientation, or the screen orientation is locked).");
    } else {
      note("1.3.4", "player", "pass", "No style of the player rotates or hides content by orientation, " +
        "and it does not lock the screen orientation.");
    }
  }

  /* ---- questions ------------------------------------------------------------------------------ */

  var DRAG_TYPES = ["matching", "sequencing", "dragdrop"];

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
      select.dispatchEvent(new win.Event("input", { bubbles: true }));
      select.dispatchEvent(new win.Event("change", { bubbles: true }));
    });
    Array.prototype.forEach.call(node.querySelectorAll("input[type=text], input:not([type]), textarea"), function (box) {
      if (!shown(box)) { return; }
      box.value = box.getAttribute("inputmode") === "decimal" ? "1" : "answer";
      box.dispatchEvent(new win.Event("input", { bubbles: true }));
      box.dispatchEvent(new win.Event("change", { bubbles: true }));
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
    })(win.COURSE_DATA);
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
    var position = text(doc.getElementById("position"));
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
    if (text(doc.getElementById("position")) === position) {
      tally("3.2.2", "player", "answers given without a change of context", questions.length, errState);
    } else { fail("3.2.2", "player", errState, form, "Answering a question changed the item shown."); }
    submit.click();
    await settle();
    var clicked = sub(base, "answered by single clicks");
    var missing = unansweredOf(form, questions);
    questions.forEach(function (q) {
      var type = questionType(q);
      if (DRAG_TYPES.indexOf(type) < 0) { return; }
      if (missing.indexOf(q) >= 0) {
        fail("2.5.7", "pointer", clicked, q, "The " + type + " question \"" + text(q.querySelector("legend, h2, h3, p")).slice(0, 50) +
          "\" cannot be answered without dragging: give it a single-pointer alternative (a list box per item).");
      } else { tally("2.5.7", "pointer", "drag-type questions answered by single clicks alone", 1, clicked); }
    });
    var after = sub(base, "after submit with feedback");
    var live = Array.prototype.some.call(doc.querySelectorAll("[role=status], [role=alert], [aria-live], output"), function (n) {
      return text(n) && shown(n) || (n.id === "cp-live" && text(n));
    }) || (doc.activeElement && doc.activeElement !== doc.body && scope.contains(doc.activeElement));
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
    keyboardWalk(state);
    targetSizes(state);
    media(state);
    pageFacts(state);
    if (layout) { await reflow(state); await textSpacing(state); }
  }

  async function cue(base, video, item, checkAll) {
    var cues = (item.cues || []).slice().sort(function (a, b) { return a.time - b.time; });
    var at = 0;
    Object.defineProperty(video, "currentTime", { configurable: true,
      get: function () { return at; }, set: function (v) { at = Number(v) || 0; } });
    Object.defineProperty(video, "paused", { configurable: true, get: function () { return true; } });
    for (var c = 0; c < cues.length; c += 1) {
      at = cues[c].time;
      video.dispatchEvent(new win.Event("timeupdate"));
      var panel = await waitFor(function () {
        var p = doc.querySelector(".cue-panel"); return p && !p.hidden ? p : null;
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
    if (!doc.getElementById("item-title") || doc.querySelector(".cover")) {
      await check({ name: "cover", item: null, kind: "cover" }, true);
    }
    for (var i = 0; i < entries.length; i += 1) {
      var item = entries[i].item;
      app.go(i, true);
      await settle();
      var state = { name: item.kind + " " + item.id + " (" + (i + 1) + " of " + entries.length + ")", item: item.id, kind: item.kind };
      await check(state, true);
      var video = doc.querySelector("#main video");
      if (video) {
        Array.prototype.forEach.call(video.textTracks || [], function (t, k) { t.mode = k === 0 ? "showing" : "disabled"; });
        if ((video.textTracks || []).length) { await check(sub(state, "captions shown"), false); }
      }
      var medium = doc.querySelector("#main video, #main audio");
      if (medium && (item.cues || []).length) { await cue(state, medium, item, checkAll); }
      if (item.kind === "quiz") { await quizStates(state, doc.getElementById("main"), checkAll); }
    }
    var menu = doc.getElementById("menu");
    if (menu && !menu.disabled) {
      menu.click();
      await settle();
      await check({ name: "outline open", item: null, kind: "outline" }, false);
      var outline = doc.getElementById("outline");
      var listed = outline ? outline.querySelectorAll("button, a[href]").length : 0;
      if (listed >= entries.length && doc.getElementById("next") && doc.getElementById("previous")) {
        note("2.4.5", "player", "pass", "The outline lists all " + entries.length + " items, and Previous/Next " +
          "step through them: two ways to reach every item.");
      }
      menu.click();
    }
    app.go(entries.length, true);
    await settle();
    await check({ name: "results", item: null, kind: "results" }, true);
  }

  function finish(error) {
    Object.keys(tallies).sort().forEach(function (key) {
      var t = tallies[key];
      var already = findings.some(function (f) { return f.criterion === t.criterion && f.outcome === "fail"; });
      if (already || !t.noun) { return; }
      var count = Object.keys(t.states).length;
      var where = count + " player state" + (count === 1 ? "" : "s");
      note(t.criterion, t.source, "pass", t.perState ? t.noun.charAt(0).toUpperCase() + t.noun.slice(1) + " in all " + where + " checked."
        : t.count + " " + t.noun + " in " + where + ".");
    });
    if (!findings.some(function (f) { return f.criterion === "2.5.7"; }) && !tallies["2.5.7|pointer|drag-type questions answered by single clicks alone"]) {
      note("2.5.7", "pointer", "not-applicable", "No question asks for dragging (matching, sequencing, drag and drop).");
    }
    if (chromeDiffers) {
      fail("3.2.3", "player", chromeDiffers, null, "The player's navigation differs in " + chromeDiffers.name + ".");
    } else if (chrome !== null) {
      ["3.2.3", "3.2.4", "3.2.6"].forEach(function (c) {
        note(c, "player", "pass", "The same bars (" + chrome.split("|").length + " controls, same names, same order) in every " +
          "state of " + states.length + ".");
      });
    }
    findings.forEach(function (f) { if (f.more) { f.text += " (also in " + f.more + " more place" + (f.more === 1 ? "" : "s") + ")"; } delete f.more; });
    axeOut.violations.forEach(function (v) { delete v.more; });
    global.twinResult = { launch: params.get("launch"), states: states, findings: findings, axe: axeOut,
      elapsed_ms: Date.now() - started, error: error || null };
    global.twinDone = true;
  }

  async function run() {
    frame = document.getElementById("player");
    frame.style.width = WIDTH + "px";
    frame.style.height = HEIGHT + "px";
    var loaded = new Promise(function (r) { frame.addEventListener("load", r, { once: true }); });
    frame.src = params.get("launch");
    await loaded;
    win = frame.contentWindow;
    doc = win.document;
    try {
      if (win.screen && win.screen.orientation && win.screen.orientation.lock) {
        win.screen.orientation.lock = function () { win.__auditOrientationLocked = true; return Promise.reject(new Error("audit")); };
      }
    } catch (e) { /* read-only in some engines */ }
    CP = await waitFor(function () { return win.CoursePlayer && win.CoursePlayer.app ? win.CoursePlayer : null; }, 15000);
    if (!CP) { throw new Error("the player did not start"); }
    try { win.focus(); } catch (e) { /* not focusable: the checks use the DOM only */ }
    orientation();
    await walk();
    characterKeys({ name: "results", item: null });
  }

  global.addEventListener("load", function () {
    run().then(function () { finish(null); }, function (e) { finish(String(e && e.message || e)); });
  });
})(window);
