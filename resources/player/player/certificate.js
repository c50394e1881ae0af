/* The end page's additions to the results screen (logo, certificate of completion) and the
   certificate itself: learner name, course title, date, score; printed alone on one page. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  /* "Lovelace, Ada" -> "Ada Lovelace": SCORM LMSs mostly give "Last, First"; a name with no
     comma, or more than one, is shown as given. */
  function displayName(raw) {
    var name = typeof raw === "string" ? raw.trim() : "";
    var parts = name.split(",");
    if (parts.length !== 2 || !parts[0].trim() || !parts[1].trim()) { return name; }
    return parts[1].trim() + " " + parts[0].trim();
  }

  /* Today's date, long form, in the course language (the browser's when the tag is unusable). */
  function today(language, now) {
    var date = now || new Date();
    try { return new Intl.DateTimeFormat(language || undefined, { dateStyle: "long" }).format(date); }
    catch (err) { return new Intl.DateTimeFormat(undefined, { dateStyle: "long" }).format(date); }
  }

  /* summary: the player's results summary ({complete, passed, percent, hasMastery}). */
  function earned(course, summary) {
    return !!course.certificate && summary.complete && (!summary.hasMastery || summary.passed === true);
  }

  /* The certificate section: heading, a name field when the LMS gave none, the certificate
     card, and the print button. facts: {course, learnerName, summary, theme, window}. */
  function renderCertificate(facts) {
    var win = facts.window;
    var headingId = CP.uid("certificate");
    var given = displayName(facts.learnerName);
    var name = el("p", { class: "certificate-name", text: given });
    var card = el("div", { class: "certificate-card" }, [
      CP.cover.logo(facts.theme, "certificate-logo"),
      el("p", { class: "certificate-title", text: S.certificate }),
      el("p", { class: "certificate-line", text: S.certifies }),
      name,
      el("p", { class: "certificate-line", text: S.hasCompleted }),
      el("p", { class: "certificate-course", text: facts.course.title }),
      el("p", { class: "certificate-date", text: S.certificateDate + today(facts.course.language) }),
      facts.summary.percent !== null
        ? el("p", { class: "certificate-score", text: S.certificateScore + CP.fmtPct(facts.summary.percent) })
        : null
    ]);
    var section = el("section", { class: "certificate", "aria-labelledby": headingId },
      [el("h2", { id: headingId, text: S.certificate })]);
    if (!given) {
      var fieldId = CP.uid("learner-name");
      var hintId = CP.uid("learner-name-hint");
      var input = el("input", { type: "text", id: fieldId, autocomplete: "name", "aria-describedby": hintId });
      input.addEventListener("input", function () { name.textContent = input.value; });
      section.appendChild(el("div", { class: "certificate-field" }, [
        el("label", { for: fieldId, text: S.yourName }),
        el("p", { id: hintId, class: "hint", text: S.yourNameHint }),
        input
      ]));
    }
    section.appendChild(card);
    section.appendChild(el("div", { class: "actions" }, [
      el("button", { type: "button", class: "primary", text: S.printCertificate,
        onclick: function () { win.print(); } })
    ]));
    return section;
  }

  /* Adds the end page's parts under the results: the logo first, the certificate last when
     it is offered (course.certificate) and earned. facts: as renderCertificate, plus wholeCourse
     (false in a one-unit launch, whose completion says nothing of the course's). */
  function renderEnd(root, facts) {
    var image = CP.cover.logo(facts.theme, "end-logo");
    var heading = root.querySelector("h1");
    if (image && heading) { heading.parentNode.insertBefore(image, heading.nextSibling); }
    if (facts.wholeCourse && earned(facts.course, facts.summary)) { root.appendChild(renderCertificate(facts)); }
  }

  CP.certificate = { displayName: displayName, today: today, earned: earned, renderEnd: renderEnd };
})(window);
