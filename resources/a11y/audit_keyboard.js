/* The keyboard walk of one player state (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7, 2.4.11, 3.2.1) and
   the probe for single character key shortcuts (2.1.4). Browsers move no focus for a Tab
   keydown a script dispatches, so the walk computes the sequential focus order (HTML
   "sequential focus navigation"), focuses each control in it and looks at what happened. */
(function (global) {
  "use strict";

  var A = global.A11yAudit;
  var text = A.text, selector = A.selector, label = A.label, shown = A.shown;
  var fail = A.fail, tally = A.tally, held = A.held, note = A.note;

  /* ---- the focus order ------------------------------------------------------------------ */

  /* An open modal dialog makes the rest of the page inert: only its controls count. */
  function modalScope() {
    var modal = null;
    try { modal = A.doc.querySelector("dialog:modal"); } catch (e) { modal = A.doc.querySelector("dialog[open]"); }
    var aria = Array.prototype.filter.call(A.doc.querySelectorAll("[aria-modal=true]"), shown)[0];
    return modal || aria || A.doc;
  }

  function interactive() {
    return Array.prototype.slice.call(modalScope().querySelectorAll(A.INTERACTIVE)).filter(function (n) {
      if (n.disabled || !shown(n)) { return false; }
      if (n.getAttribute("tabindex") === "-1" && !n.matches(A.CONTROL)) {
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
    var s = A.win.getComputedStyle(node);
    var parts = LOOK.map(function (p) { return s[p]; });
    if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0) { parts[0] = parts[1] = parts[2] = "none"; }
    return parts.join("|");
  }

  /* Whether the stylesheets give ``node`` a focus indicator, for an engine whose page never
     has system focus (Qt WebEngine without a view matches no :focus): the cascade (CSS
     Cascade 4 §6: importance, specificity, order) of the declarations that draw a focus
     indicator, from :focus/:focus-visible rules for it, and of the outline from any rule
     (an outline an author rule sets wins over the browser's own focus ring). */
  var DRAWS = /^(outline|box-shadow|border|background|color|text-decoration)/;
  var NOTHING = /^(none|0|0px|transparent|initial|unset)$/;

  function styleRules() {
    var out = [];
    function scan(rules) {
      Array.prototype.forEach.call(rules || [], function (rule) {
        if (rule.media && !A.win.matchMedia(rule.media.mediaText).matches) { return; }
        if (rule.cssRules && !rule.selectorText) { scan(rule.cssRules); return; }
        if (rule.selectorText && rule.style) { out.push(rule); }
      });
    }
    Array.prototype.forEach.call(A.doc.styleSheets, function (sheet) {
      try { scan(sheet.cssRules); } catch (e) { /* a sheet of another origin: not readable */ }
    });
    return out;
  }

  /* Selectors Level 4 §17 specificity as one number (ids, then classes, attributes and
     pseudo-classes, then types). */
  function specificity(sel) {
    var s = sel.replace(/:(not|is|has)\(([^)]*)\)/g, " $2");
    var ids = (s.match(/#[\w-]+/g) || []).length;
    var classes = (s.match(/\.[\w-]+|\[[^\]]*\]|:(?!:)[\w-]+(\([^)]*\))?/g) || []).length;
    var rest = s.replace(/#[\w-]+|\.[\w-]+|\[[^\]]*\]|::?[\w-]+(\([^)]*\))?/g, " ");
    var types = (rest.match(/(^|[\s>+~])[a-zA-Z][\w-]*/g) || []).length;
    return ids * 10000 + classes * 100 + types;
  }

  function focusRuleShows(node) {
    var winners = {};
    styleRules().forEach(function (rule, order) {
      rule.selectorText.split(",").forEach(function (sel) {
        if (sel.indexOf(":focus-within") >= 0) { return; }
        var focus = /:focus/.test(sel);
        var base = sel.replace(/:focus(-visible)?/g, "").trim();
        if (!base || /[\s>+~]$/.test(base)) { base += "*"; }
        try { if (!node.matches(base)) { return; } } catch (e) { return; }
        var spec = specificity(sel);
        for (var i = 0; i < rule.style.length; i += 1) {
          var prop = rule.style[i];
          if (!DRAWS.test(prop) || (!focus && prop.indexOf("outline") !== 0)) { continue; }
          var rank = (rule.style.getPropertyPriority(prop) === "important" ? 1e9 : 0) + spec * 1000 + order / 1e4;
          if (!winners[prop] || winners[prop].rank <= rank) {
            winners[prop] = { rank: rank, focus: focus, value: rule.style.getPropertyValue(prop).trim() };
          }
        }
      });
    });
    var outline = winners["outline-style"], width = winners["outline-width"];
    if (!outline) { return true; }  /* the browser's own focus ring */
    if (outline.focus && outline.value !== "none" && !(width && parseFloat(width.value) === 0)) { return true; }
    return Object.keys(winners).some(function (prop) {
      var w = winners[prop];
      return prop.indexOf("outline") !== 0 && w.focus && !NOTHING.test(w.value);
    });
  }

  /* Content the learner opened and can close again (a disclosure: the control with
     aria-expanded=true that names it in aria-controls) does not count as hiding the focus
     (WCAG 2.2 Understanding 2.4.11: user-opened content). */
  function openedByLearner(node) {
    return Array.prototype.some.call(A.doc.querySelectorAll("[aria-expanded=true][aria-controls]"), function (c) {
      var region = A.doc.getElementById(c.getAttribute("aria-controls"));
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
      if (x < 0 || y < 0 || x >= A.win.innerWidth || y >= A.win.innerHeight) { continue; }
      inView += 1;
      var hit = A.doc.elementFromPoint(x, y);
      if (!hit || openedByLearner(hit) || hit === node || node.contains(hit) || hit.contains(node) ||
          (hit.closest("label") && hit.closest("label").contains(node)) ||
          (node.labels && Array.prototype.indexOf.call(node.labels, hit.closest("label")) >= 0)) { return true; }
    }
    return inView === 0 ? null : false;
  }

  function modalAround(node) { return node.closest("[aria-modal=true], dialog[open]"); }

  function pressTab(node, back) {
    var event = new A.win.KeyboardEvent("keydown", { key: "Tab", code: "Tab", keyCode: 9, which: 9,
      shiftKey: !!back, bubbles: true, cancelable: true });
    node.dispatchEvent(event);
    return event.defaultPrevented;
  }

  function keyboardWalk(state) {
    var nodes = interactive();
    var order = tabOrder(nodes);
    var position = text(A.doc.getElementById("position"));
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
      if (A.doc.activeElement === n) { n.blur(); }
      var before = look(n);
      n.focus({ preventScroll: false });
      if (A.doc.activeElement !== n) {
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
        var now = A.doc.activeElement;
        var expected = order[back ? i - 1 : i + 1];
        if (prevented && (now === n || (now !== expected && !modalAround(n)))) { trapped = true; }
      });
      if (trapped) {
        fail("2.1.2", "keyboard", state, n, "Keyboard focus is trapped at " + label(n) +
          ": the Tab key does not move on from it.");
      } else { free += 1; }
      if (text(A.doc.getElementById("position")) === position) { calm += 1; }
      else { fail("3.2.1", "keyboard", state, n, "Focusing " + label(n) + " changed the item shown."); }
    });
    tally("2.4.7", "keyboard", "focused controls with a visible indicator", visible, state);
    tally("2.4.11", "keyboard", "focused controls not hidden by other content", clear, state);
    tally("2.1.2", "keyboard", "controls the Tab key moves on from", free, state);
    tally("3.2.1", "keyboard", "controls focused without a change of context", calm, state);
    if (A.doc.activeElement && A.doc.activeElement.blur) { A.doc.activeElement.blur(); }
  }


  var KEYS = "abcdefghijklmnopqrstuvwxyz0123456789".split("").concat([" ", "?", "/", "+", "-"]);

  function characterKeys(state) {
    if (A.doc.activeElement && A.doc.activeElement.blur) { A.doc.activeElement.blur(); }
    var position = text(A.doc.getElementById("position"));
    var main = A.doc.getElementById("main");
    var before = main ? main.innerHTML.length : 0;
    var acted = KEYS.filter(function (key) {
      var event = new A.win.KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true });
      A.doc.body.dispatchEvent(event);
      return event.defaultPrevented;
    });
    var changed = text(A.doc.getElementById("position")) !== position || (main && main.innerHTML.length !== before);
    if (acted.length || changed) {
      fail("2.1.4", "keyboard", state, null, "Single character keys act as shortcuts (" +
        (acted.join(" ").trim() || "the content changed") + "): let the learner turn them off or remap them.");
    } else {
      note("2.1.4", "keyboard", "pass", KEYS.length + " single character keys pressed outside form fields: " +
        "none acted as a shortcut.");
    }
  }


  A.interactive = interactive;
  A.keyboardWalk = keyboardWalk;
  A.characterKeys = characterKeys;
})(window);
