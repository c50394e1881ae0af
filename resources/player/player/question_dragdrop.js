/* Drag and drop into categories. Each item is a card the learner drags (mouse, pen or touch:
   pointer events) onto a category's drop zone. Below the zones, a "Category for <item>" list
   box per item makes each placement possible without dragging, by keyboard or by a single
   pointer (WCAG 2.2 §2.5.7); the cards and the list boxes always agree.
   Response: {item id: category id}, answered once every item is placed. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;
  var DRAG_THRESHOLD_PX = 4;  /* a press that moves less is a click, not a drag */
  var EDGE_PX = 40;  /* dragging this close to the window's top or bottom scrolls it */
  var SCROLL_STEP_PX = 16;

  /* The drop zone (its list element) under the viewport point, skipping the card being dragged. */
  function zoneAt(x, y, root, card) {
    var found = document.elementsFromPoint(x, y);
    for (var i = 0; i < found.length; i += 1) {
      if (card.contains(found[i])) { continue; }
      var zone = found[i].closest ? found[i].closest(".dd-zone") : null;
      if (zone && root.contains(zone)) { return zone; }
    }
    return null;
  }

  function build(q, ctx) {
    var categories = q.categories || [];
    var items = ctx.options.shuffle ? CP.shuffled(q.items || [], ctx.options.random) : (q.items || []).slice();
    var root = el("div", { class: "dragdrop" });
    var zones = {};
    var selects = {};
    var cards = {};
    var locked = false;

    function zone(categoryId, title) {
      var titleId = ctx.uid + "-z" + (categoryId || "pool");
      var list = el("ul", { class: "dd-list", "aria-labelledby": titleId });
      var box = el("div", { class: "dd-zone" + (categoryId ? "" : " dd-pool"), "data-category": categoryId },
        [el("p", { class: "dd-zone-title", id: titleId, text: title }), list]);
      zones[categoryId] = list;
      return box;
    }

    /* Puts the item's card in the category's zone ("" = back among the items to place). */
    function place(itemId, categoryId) {
      var target = zones[categoryId] || zones[""];
      selects[itemId].value = zones[categoryId] ? categoryId : "";
      if (cards[itemId].parentNode !== target) { target.appendChild(cards[itemId]); }
    }

    /* The card the pointer drags: the item's text and media, nothing to tab to but media. */
    function card(item) {
      var media = CP.questions.mediaNode(item.media, item.mediaKind, item.mediaAlt, "dd-media");
      /* the browser's own image drag would take the pointer from the card's */
      if (media && media.tagName.toLowerCase() === "img") { media.setAttribute("draggable", "false"); }
      var node = el("li", { class: "dd-item", "data-item": item.id },
        [el("span", { class: "dd-text", text: item.text }), media]);
      cards[item.id] = node;
      dragWith(node, item);
      return node;
    }

    /* The list box of one item. The list boxes stay in one place, in the items' order, while
       the cards move between zones, so that Tab order never changes under a keyboard user. */
    function chooser(item, i) {
      var selectId = ctx.uid + "-d" + i;
      var select = el("select", { id: selectId, "data-item": item.id });
      select.appendChild(el("option", { value: "", text: S.choose }));
      categories.forEach(function (c) { select.appendChild(el("option", { value: c.id, text: c.text })); });
      select.addEventListener("change", function () {
        ctx.setMessage("");
        place(item.id, select.value);
      });
      selects[item.id] = select;
      return el("div", { class: "select-row" }, [
        el("label", { for: selectId }, [el("span", { class: "visually-hidden", text: S.dragCategoryFor }), item.text]),
        select]);
    }

    function dragWith(node, item) {
      var drag = null;
      var over = null;

      function highlight(target) {
        if (over === target) { return; }
        if (over) { over.classList.remove("is-over"); }
        over = target;
        if (over) { over.classList.add("is-over"); }
      }

      function end(event, drop) {
        if (!drag) { return; }
        var moved = drag.moved;
        drag = null;
        node.classList.remove("is-dragging");
        node.style.transform = "";
        highlight(null);
        if (moved && drop) {
          var target = zoneAt(event.clientX, event.clientY, root, node);
          if (target) {
            ctx.setMessage("");
            place(item.id, target.getAttribute("data-category") || "");
          }
        }
      }

      /* page coordinates, so that the card stays under the pointer while the window scrolls */
      function offset(event) {
        return { x: event.clientX + global.scrollX - drag.x, y: event.clientY + global.scrollY - drag.y };
      }

      node.addEventListener("pointerdown", function (event) {
        if (locked || event.button !== 0 || CP.isFormField(event.target)) { return; }
        drag = { x: event.clientX + global.scrollX, y: event.clientY + global.scrollY, moved: false };
        node.setPointerCapture(event.pointerId);
      });
      node.addEventListener("pointermove", function (event) {
        if (!drag) { return; }
        var d = offset(event);
        if (!drag.moved && Math.abs(d.x) + Math.abs(d.y) < DRAG_THRESHOLD_PX) { return; }
        drag.moved = true;
        if (event.clientY < EDGE_PX) { global.scrollBy(0, -SCROLL_STEP_PX); }
        if (event.clientY > global.innerHeight - EDGE_PX) { global.scrollBy(0, SCROLL_STEP_PX); }
        d = offset(event);
        var dx = d.x, dy = d.y;
        node.classList.add("is-dragging");
        node.style.transform = "translate(" + dx + "px, " + dy + "px)";
        highlight(zoneAt(event.clientX, event.clientY, root, node));
      });
      node.addEventListener("pointerup", function (event) { end(event, true); });
      node.addEventListener("pointercancel", function (event) { end(event, false); });
    }

    root.appendChild(el("p", { class: "dd-hint", text: S.dragHint }));
    root.appendChild(zone("", S.dragItems));
    var grid = el("div", { class: "dd-zones" });
    categories.forEach(function (c) { grid.appendChild(zone(c.id, c.text)); });
    root.appendChild(grid);
    var list = el("fieldset", { class: "dd-choices" }, [el("legend", { text: S.dragChoices })]);
    items.forEach(function (item, i) {
      zones[""].appendChild(card(item));
      list.appendChild(chooser(item, i));
    });
    root.appendChild(list);
    ctx.body.appendChild(root);

    return {
      controls: items.map(function (item) { return selects[item.id]; }),
      read: function () {
        var placed = {};
        var complete = true;
        (q.items || []).forEach(function (item) {
          var value = selects[item.id].value;
          if (value === "") { complete = false; } else { placed[item.id] = value; }
        });
        return { answered: complete, response: placed };
      },
      answerText: function () {
        return categories.map(function (c) {
          var inside = (q.items || []).filter(function (item) { return item.category === c.id; })
            .map(function (item) { return item.text; });
          return c.text + ": " + inside.join(", ");
        }).join("; ");
      },
      disable: function () { locked = true; root.classList.add("is-locked"); }
    };
  }

  CP.questionViews.dragdrop = { build: build, grouped: true };
})(window);
