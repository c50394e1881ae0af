/* The cover page shown at the start of a fresh launch: logo, title, description, duration,
   objectives and a Start button. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  /* "About 1 hour 5 minutes": seconds rounded to whole minutes, at least one. */
  function aboutDuration(seconds) {
    var minutes = Math.max(1, Math.round(seconds / 60));
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    var duration = CP.say("minutes", { count: rest }, rest);
    if (hours) {
      var whole = CP.say("hours", { count: hours }, hours);
      duration = rest ? CP.say("hoursMinutes", { hours: whole, minutes: duration }) : whole;
    }
    return CP.say("aboutDuration", { duration: duration });
  }

  /* The kit's logo as an image, or null. theme: COURSE_DATA.theme ({logo, logoAlt}). */
  function logo(theme, className) {
    if (!theme || !theme.logo) { return null; }
    return el("img", { class: className, src: theme.logo, alt: theme.logoAlt || "" });
  }

  /* root: <main>; course: COURSE_DATA.course ({title, description, duration (seconds),
     objectives: [text]}); onStart(): the learner pressed Start. Answers the h1 (to focus). */
  function render(root, course, theme, onStart) {
    CP.clear(root);
    root.setAttribute("data-kind", "cover");
    var heading = el("h1", { id: "item-title", tabindex: "-1", text: course.title });
    var box = el("div", { class: "cover" }, [logo(theme, "cover-logo"), heading]);
    if (course.description) { box.appendChild(el("p", { class: "cover-description", text: course.description })); }
    if (typeof course.duration === "number" && course.duration > 0) {
      box.appendChild(el("p", { class: "cover-duration", text: aboutDuration(course.duration) }));
    }
    var objectives = (course.objectives || []).filter(function (text) { return typeof text === "string" && text; });
    if (objectives.length) {
      var headingId = CP.uid("objectives");
      box.appendChild(el("section", { class: "cover-objectives", "aria-labelledby": headingId }, [
        el("h2", { id: headingId, text: S.objectives }),
        el("ul", {}, objectives.map(function (text) { return el("li", { text: text }); }))
      ]));
    }
    box.appendChild(el("div", { class: "actions" }, [
      el("button", { type: "button", class: "primary cover-start", text: S.start, onclick: onStart })
    ]));
    root.appendChild(box);
    return heading;
  }

  CP.cover = { render: render, logo: logo };
})(window);
