/* What one player state looks like to a learner who enlarges text, narrows the window or
   uses a pointer: target sizes (WCAG 2.5.8), reflow at 320 and 640 CSS px (1.4.10, 1.4.4),
   text spacing (1.4.12); and facts of the page: title (2.4.2), language (3.1.1), bypass
   blocks (2.4.1), sound and motion (1.4.2, 2.2.2), orientation (1.3.4), the same bars in
   every state (3.2.3, 3.2.4, 3.2.6). */
(function (global) {
  "use strict";

  var A = global.A11yAudit;
  var text = A.text, selector = A.selector, label = A.label, shown = A.shown;
  var fail = A.fail, tally = A.tally, held = A.held, note = A.note;
  var TARGET_PX = 24;  /* WCAG 2.5.8 */
  var REFLOW_WIDTHS = [320, 640];  /* WCAG 1.4.10; 640 = 1280 at 200 % (1.4.4) */
  var WIDTH = 1280;
  var SPACING = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;" +
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";  /* WCAG 1.4.12 */
  var settle = A.settle, sleep = A.sleep;

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
    if (node.tagName !== "A" || A.win.getComputedStyle(node).display !== "inline") { return false; }
    return text(node.parentElement).length > text(node).length;
  }

  function distanceTo(x, y, r) {
    var dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
    return Math.sqrt(dx * dx + dy * dy);
  }

  function targetSizes(state) {
    var nodes = A.interactive().filter(function (n) { return !inlineLink(n) && n.tagName !== "VIDEO"; });
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
    A.frame.style.width = width + "px";
    await settle();
    await sleep(60);
  }

  async function reflow(state) {
    for (var w = 0; w < REFLOW_WIDTHS.length; w += 1) {
      var width = REFLOW_WIDTHS[w];
      await atWidth(width);
      var root = A.doc.scrollingElement || A.doc.documentElement;
      var criteria = width === 320 ? ["1.4.10"] : ["1.4.10", "1.4.4"];
      var culprits = [];
      if (root.scrollWidth > root.clientWidth + 1) {
        var all = A.doc.body.querySelectorAll("*");
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
    Array.prototype.forEach.call(A.doc.body.querySelectorAll("*"), function (n) {
      if (!text(n) || !n.getClientRects().length || n.matches("input, select, textarea, option")) { return; }
      var s = A.win.getComputedStyle(n);
      var hides = /hidden|clip/.test(s.overflowX + s.overflowY);
      if (!hides || n.clientWidth <= 2 || n.clientHeight <= 2) { return; }  /* visually hidden text */
      if (n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1) { out.push(n); }
    });
    return out;
  }

  async function textSpacing(state) {
    var before = clipped();
    var style = A.doc.createElement("style");
    style.textContent = SPACING;
    A.doc.head.appendChild(style);
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


  /* ---- facts of the page ------------------------------------------------------------------- */

  function chromeSignature() {
    return Array.prototype.slice.call(A.doc.querySelectorAll("button, a[href], select"))
      .filter(function (n) { return !n.closest("#main, #outline, dialog, [aria-modal=true]") && shown(n); })
      .map(function (n) { return n.id + ":" + text(n); }).join("|");
  }

  function media(state) {
    Array.prototype.forEach.call(A.doc.querySelectorAll("audio, video"), function (m) {
      var playing = !m.paused && !m.muted && m.volume > 0;
      if (playing && !m.controls && !(A.doc.getElementById("main") || A.doc).querySelector("button")) {
        fail("1.4.2", "player", state, m, "Sound plays by itself with no control to pause it (" + selector(m) + ").");
      } else { tally("1.4.2", "player", "media elements that play no sound by themselves or have a pause control", 1, state); }
    });
    var endless = (A.doc.getAnimations ? A.doc.getAnimations() : []).filter(function (a) {
      var t = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming() : {};
      return a.playState === "running" && (t.iterations === Infinity || t.endTime > 5000);
    });
    if (endless.length) {
      var target = endless[0].effect && endless[0].effect.target;
      fail("2.2.2", "player", state, target || null, "Something moves for more than 5 s with no way to stop it" +
        (target ? " (" + selector(target) + ")" : "") + ".");
    } else { held("2.2.2", "player", "nothing moves for more than 5 s", state); }
    var now = chromeSignature();
    if (A.chrome === null) { A.chrome = now; } else if (now !== A.chrome && state.kind !== "cover") { A.chromeDiffers = state; }
  }

  function pageFacts(state) {
    var title = String(A.doc.title || "").trim();
    if (title) { held("2.4.2", "player", "the page has a title", state); }
    else { fail("2.4.2", "player", state, null, "The player page has no title."); }
    var lang = A.doc.documentElement.getAttribute("lang") || "";
    if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)) { held("3.1.1", "player", "the page has a valid lang attribute", state); }
    else { fail("3.1.1", "player", state, null, "The player page has no valid lang attribute."); }
    var skip = A.doc.querySelector("a[href^='#']");
    var landmarks = A.doc.querySelector("main, [role=main]") && A.doc.querySelector("nav, [role=navigation]");
    if (landmarks || (skip && A.doc.getElementById(skip.getAttribute("href").slice(1)))) {
      held("2.4.1", "player", "a skip link and main and navigation landmarks", state);
    } else { fail("2.4.1", "player", state, null, "No skip link or landmarks let a learner bypass the player's bars."); }
  }


  function orientation() {
    var locked = false;
    Array.prototype.forEach.call(A.doc.styleSheets, function (sheet) {
      var rules;
      try { rules = sheet.cssRules; } catch (e) { return; }
      Array.prototype.forEach.call(rules || [], function (rule) {
        if (rule.media && /orientation/.test(rule.media.mediaText) && /rotate|display:\s*none/.test(rule.cssText)) {
          locked = true;
        }
      });
    });
    if (A.win.__auditOrientationLocked) { locked = true; }
    if (locked) {
      fail("1.3.4", "player", { name: "stylesheets", item: null }, null, "The player restricts its view to one " +
        "orientation (a style rotates or hides content by orientation, or the screen orientation is locked).");
    } else {
      note("1.3.4", "player", "pass", "No style of the player rotates or hides content by orientation, " +
        "and it does not lock the screen orientation.");
    }
  }


  A.targetSizes = targetSizes;
  A.reflow = reflow;
  A.textSpacing = textSpacing;
  A.media = media;
  A.pageFacts = pageFacts;
  A.orientation = orientation;
})(window);
