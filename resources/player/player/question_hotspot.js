/* Hotspot: the learner clicks (or taps) the areas of a picture the question asks for.
   The areas are not drawn (that would give the answer away); a click picks the area under
   it and leaves a marker, a second click on it lets it go. The list of areas beside the
   picture is the keyboard alternative and stays in step with the clicks.
   Area coordinates are fractions of the picture's width and height (0..1): rect [x, y, w, h],
   circle [cx, cy, r] (r a fraction of the width), polygon [x1, y1, x2, y2, ...]. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;
  var SVG = "http://www.w3.org/2000/svg";

  function insidePolygon(c, x, y) {
    var inside = false;
    for (var i = 0, j = c.length - 2; i + 1 < c.length; j = i, i += 2) {
      var xi = c[i], yi = c[i + 1], xj = c[j], yj = c[j + 1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) { inside = !inside; }
    }
    return inside;
  }

  /* Whether the point (x, y), in fractions of the picture, lies in the region; aspect is the
     picture's width / height (a circle is round on screen, its radius a share of the width). */
  function contains(region, x, y, aspect) {
    var c = (region.coords || []).map(Number);
    switch (region.shape) {
      case "rect": return x >= c[0] && x <= c[0] + c[2] && y >= c[1] && y <= c[1] + c[3];
      case "circle": {
        var dx = x - c[0], dy = (y - c[1]) / aspect;
        return dx * dx + dy * dy <= c[2] * c[2];
      }
      case "polygon": return c.length >= 6 && insidePolygon(c, x, y);
      default: return false;
    }
  }

  /* The first region holding the point, as an HTML image map picks its area; null for none. */
  function regionAt(regions, x, y, aspect) {
    for (var i = 0; i < regions.length; i += 1) {
      if (contains(regions[i], x, y, aspect)) { return regions[i]; }
    }
    return null;
  }

  /* Where a region picked from the list gets its marker: its middle, in fractions. */
  function middle(region) {
    var c = (region.coords || []).map(Number);
    if (region.shape === "rect") { return { x: c[0] + c[2] / 2, y: c[1] + c[3] / 2 }; }
    if (region.shape === "circle") { return { x: c[0], y: c[1] }; }
    var x = 0, y = 0, n = 0;
    for (var i = 0; i + 1 < c.length; i += 2) { x += c[i]; y += c[i + 1]; n += 1; }
    return n ? { x: x / n, y: y / n } : { x: 0.5, y: 0.5 };
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
    return node;
  }

  /* The outlines of regions over a picture of width × height pixels (any size will do: the
     drawing stretches to the picture; only the ratio matters to circles). */
  function outlines(regions, width, height, label) {
    var drawing = svg("svg", { class: "hotspot-outlines", viewBox: "0 0 " + width + " " + height,
      preserveAspectRatio: "none", role: "img", "aria-label": label });
    regions.forEach(function (r) {
      var c = (r.coords || []).map(Number);
      var shape;
      if (r.shape === "rect") {
        shape = svg("rect", { x: c[0] * width, y: c[1] * height, width: c[2] * width, height: c[3] * height });
      } else if (r.shape === "circle") {
        shape = svg("circle", { cx: c[0] * width, cy: c[1] * height, r: c[2] * width });
      } else {
        var points = [];
        for (var i = 0; i + 1 < c.length; i += 2) { points.push(c[i] * width + "," + c[i + 1] * height); }
        shape = svg("polygon", { points: points.join(" ") });
      }
      shape.setAttribute("vector-effect", "non-scaling-stroke");
      /* a light halo under the dashed line keeps it visible on dark and light pictures alike */
      var halo = shape.cloneNode(false);
      halo.setAttribute("class", "halo");
      shape.setAttribute("class", "line");
      drawing.appendChild(halo);
      drawing.appendChild(shape);
    });
    return drawing;
  }

  function build(q, ctx) {
    var regions = q.regions || [];
    var width = q.imageWidth > 0 ? q.imageWidth : 0;
    var height = q.imageHeight > 0 ? q.imageHeight : 0;
    var image = el("img", { class: "hotspot-image", src: q.image, alt: q.imageAlt || "",
      width: width || null, height: height || null, draggable: "false" });
    var markers = el("div", { class: "hotspot-markers" });
    var stage = el("div", { class: "hotspot-stage" }, [image, markers]);
    var list = el("fieldset", { class: "hotspot-list" }, [el("legend", { text: S.hotspotAreas })]);
    var boxes = {};
    var marks = {};
    var locked = false;

    function mark(region, at) {
      var dot = el("span", { class: "hotspot-marker", role: "img",
        "aria-label": CP.say("hotspotPicked", { label: region.label }), "data-region": region.id });
      dot.style.left = (at.x * 100) + "%";
      dot.style.top = (at.y * 100) + "%";
      markers.appendChild(dot);
      marks[region.id] = dot;
    }

    function unmark(region) {
      if (marks[region.id]) { marks[region.id].remove(); delete marks[region.id]; }
    }

    regions.forEach(function (region, i) {
      var id = ctx.uid + "-h" + i;
      var box = el("input", { type: "checkbox", id: id, value: region.id });
      box.addEventListener("change", function () {
        ctx.showMessage("");
        if (box.checked) { mark(region, middle(region)); } else { unmark(region); }
      });
      boxes[region.id] = box;
      list.appendChild(el("div", { class: "choice" }, [box, el("label", { for: id, text: region.label })]));
    });

    image.addEventListener("click", function (event) {
      if (locked) { return; }
      var box = image.getBoundingClientRect();
      if (!box.width || !box.height) { return; }
      var x = (event.clientX - box.left) / box.width;
      var y = (event.clientY - box.top) / box.height;
      var region = regionAt(regions, x, y, box.width / box.height);
      if (!region) {
        ctx.showMessage(S.hotspotMiss);
        CP.announce(S.hotspotMiss);
        return;
      }
      ctx.setMessage("");
      var picked = !boxes[region.id].checked;
      boxes[region.id].checked = picked;
      if (picked) { mark(region, { x: x, y: y }); } else { unmark(region); }
      if (picked) { CP.announce(CP.say("hotspotPicked", { label: region.label })); }
    });

    ctx.body.appendChild(stage);
    ctx.body.appendChild(list);

    function picked() {
      return regions.filter(function (r) { return boxes[r.id].checked; }).map(function (r) { return r.id; });
    }

    function rightOnes() { return regions.filter(function (r) { return r.correct === true; }); }

    return {
      controls: regions.map(function (r) { return boxes[r.id]; }),
      read: function () {
        var ids = picked();
        return { answered: ids.length > 0, response: ids };
      },
      answerText: function () {
        return rightOnes().map(function (r) { return r.label; }).join("; ");
      },
      /* The right areas are outlined when the answer may be shown (or was given). */
      feedback: function (box, outcome, response, reveal) {
        if (!(reveal || outcome.correct === true)) { return; }
        var right = rightOnes();
        var w = width || image.naturalWidth || 1;
        var h = height || image.naturalHeight || 1;
        var labels = right.map(function (r) { return r.label; }).join("; ");
        stage.appendChild(outlines(right, w, h, CP.say("hotspotRight", { labels: labels })));
      },
      disable: function () { locked = true; stage.classList.add("is-locked"); }
    };
  }

  CP.questionViews.hotspot = { build: build, grouped: true };
  CP.hotspot = { contains: contains, regionAt: regionAt };
})(window);
