/* Course player: namespace and small DOM/text utilities shared by every other script.
   Authored text only ever reaches the page through text nodes and attributes. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer = global.CoursePlayer || {};

  CP.strings = {
    next: "Next", previous: "Previous", menu: "Menu", submit: "Submit", retry: "Retry",
    continue: "Continue", skip: "Skip", play: "Play", pause: "Pause",
    outline: "Course outline", itemNavigation: "Item navigation", skipToContent: "Skip to content",
    results: "Results", completed: "completed", notStarted: "not started", current: "current",
    transcript: "Transcript", videoDescription: "Video description", slideText: "Slide text", trueLabel: "True", falseLabel: "False",
    choose: "Choose…", position: "Position", yourAnswer: "Your answer",
    correct: "Correct.", incorrect: "Incorrect.", answered: "Answer recorded.",
    correctAnswer: "Correct answer: ", unanswered: "Answer every question before submitting. Unanswered: ",
    numberExpected: "Enter a number, for example 3.5.",
    passed: "Passed", failed: "Failed", notAttempted: "Not attempted",
    videoComplete: "Video complete.", questionTime: "Question",
    captions: "Captions", captionLanguage: "Caption language", narration: "Narration",
    quizSummary: "Score: {points}, {percent}; pass mark {mark}%.",
    quizSummaryNoPassMark: "Score: {points}, {percent}.",
    quizSummaryNoPoints: "Score: {percent}; pass mark {mark}%.",
    quizSummaryPercent: "Score: {percent}.",
    points_one: "{score} of {max} point", points_other: "{score} of {max} points",
    partlyCorrect: "Partly correct ({points}).",
    modelAnswer: "Model answer", yourAnswers: "Your written answers",
    characterCount: "{count} / {max} characters",
    charactersLeft_one: "{count} character left.", charactersLeft_other: "{count} characters left.",
    hotspotAreas: "Areas of the picture",
    hotspotPicked: "Picked: {label}",
    hotspotMiss: "No area to pick at that spot. Click on a part of the picture, or use the list of areas.",
    hotspotRight: "Right areas: {labels}",
    dragItems: "Items to place",
    dragCategoryFor: "Category for ",
    dragChoices: "Category of each item",
    dragHint: "Drag each item into its category, or choose its category in the list below.",
    unlimitedAttempts: "Unlimited attempts.",
    attemptsLeft_one: "{count} attempt(s) left.", attemptsLeft_other: "{count} attempt(s) left.",
    passMark: "Pass mark {mark}%.",
    noAttemptsLeft: "No attempts left.", bestScore: "Best score: ",
    itemOf: "Item {current} of {total}",
    courseScore: "Course score: ", courseStatus: "Status: ", attempts: "Attempts",
    quiz: "Quiz", score: "Best score", result: "Result", survey: "Survey",
    finished: "Your progress has been saved. You can close this window.",
    incompleteCourse: "Some items are not completed yet.",
    completeCourse: "You have completed this course.",
    trackingTitle: "Your progress is not being recorded.",
    trackingRetry: "Try again",
    trackingStill: "Still not recorded. The course keeps trying by itself.",
    trackingBack: "Progress is being recorded again.",
    trackingBlocked: "This course must record your progress: you can go on as soon as it is recorded again.",
    trackingWaiting_one: "{count} record waiting to be sent",
    trackingWaiting_other: "{count} records waiting to be sent",
    trackingDropped_one: "{count} record was refused and could not be saved.",
    trackingDropped_other: "{count} records were refused and could not be saved.",
    trackingKeepTrying: "Keep this window open: the course keeps trying. Check your connection, then select Try again.",
    trackingNoApi: "This course cannot find the learning system that records your progress.",
    trackingNoApiDo: "Close this window and open the course again from your learning system. If this keeps happening, tell your course administrator.",
    trackingInitFailed: "Your learning system did not let this course start recording.",
    trackingInitFailedDo: "Select Try again. If this keeps happening, close the course, open it again from your learning system, or tell your course administrator.",
    trackingCommitFailed: "Your learning system did not save your latest progress.",
    trackingLrsAuth: "The learning record store refused this course's sign-in.",
    trackingLrsAuthDo: "Close the course and open it again from your learning system. If this keeps happening, tell your course administrator.",
    trackingLrsRefused: "The learning record store refused some of your records.",
    trackingLrsRefusedDo: "Tell your course administrator. Your other progress is still being sent.",
    trackingLrsUnreachable: "The learning record store cannot be reached.",
    trackingCmi5Fetch: "This course could not get permission from your learning system to record your progress.",
    trackingCmi5FetchDo: "Select Try again. If this keeps happening, close the course and open it again from your learning system.",
    trackingOffline: "You are offline.",
    trackingOfflineDo: "Connect to the internet again: your progress is sent as soon as you are back online. Keep this window open.",
    start: "Start", objectives: "What you will learn",
    aboutDuration: "About {duration}", hoursMinutes: "{hours} {minutes}",
    hours_one: "{count} hour", hours_other: "{count} hours",
    minutes_one: "{count} minute", minutes_other: "{count} minutes",
    resumeQuestion: "Resume where you left off?",
    resumeDetail: "You can continue from where you stopped, or start again from the beginning. What you completed stays completed.",
    resume: "Resume", startOver: "Start over",
    certificate: "Certificate of completion", certifies: "This certifies that",
    hasCompleted: "has completed the course", certificateDate: "Date: ",
    certificateScore: "Score: ", yourName: "Your name",
    yourNameHint: "Type your name as it should appear on the certificate.",
    printCertificate: "Print or save as PDF",
    language: "Language"
  };

  var PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
  var pluralRules = {};

  /* The player's own English texts, as declared above. */
  var ENGLISH = {};
  Object.keys(CP.strings).forEach(function (key) { ENGLISH[key] = CP.strings[key]; });

  /* "{current} {total}": the distinct placeholders of a text, sorted. */
  function placeholdersOf(text) {
    return (text.match(PLACEHOLDER) || []).sort().filter(function (name, i, all) {
      return name !== all[i - 1];
    }).join(" ");
  }

  /* Replaces entries of CP.strings in place (every script holds the same object); keys
     CP.strings does not have, values that are not strings, and texts whose placeholders are
     not exactly the English text's (the studio refuses those before they get here) are
     ignored. */
  CP.applyStrings = function (overrides) {
    if (!overrides || typeof overrides !== "object") { return; }
    Object.keys(overrides).forEach(function (key) {
      if (Object.prototype.hasOwnProperty.call(CP.strings, key) &&
          typeof CP.strings[key] === "string" && typeof overrides[key] === "string" &&
          placeholdersOf(overrides[key]) === placeholdersOf(ENGLISH[key])) {
        CP.strings[key] = overrides[key];
      }
    });
  };

  /* The plural category ("one", "other", …) of count for the plural family key, by the
     browser's CLDR rules (Intl.PluralRules) of the language its texts are written in: the
     page's (<html lang>) once a kit or a translation replaced them, English's while they are
     still the player's own English (a course in French without translated player strings
     says "0 records", not "0 record"), and for a page without a lang or with an unknown tag. */
  function pluralOf(key, count) {
    var english = ["_one", "_other"].every(function (form) {
      return CP.strings[key + form] === ENGLISH[key + form];
    });
    var lang = (!english && document.documentElement.getAttribute("lang")) || "en";
    if (!pluralRules[lang]) {
      try { pluralRules[lang] = new Intl.PluralRules(lang); }
      catch (err) { pluralRules[lang] = new Intl.PluralRules("en"); }
    }
    return pluralRules[lang].select(count);
  }

  /* The interface string key with its {name} placeholders filled from values (numbers and
     texts, written as String() writes them; a placeholder without a value stays as written).
     With count, key names a plural family: the entry key + "_" + the plural category of
     count is used when CP.strings has it, else key + "_other". CP.strings holds only the
     "_one" and "_other" forms, so a language with more categories (few, many, two, zero)
     gets its "_other" text for those. */
  CP.say = function (key, values, count) {
    var text = CP.strings[key];
    if (typeof count === "number") {
      var form = key + "_" + pluralOf(key, count);
      text = typeof CP.strings[form] === "string" ? CP.strings[form] : CP.strings[key + "_other"];
    }
    if (typeof text !== "string") { return ""; }
    return text.replace(PLACEHOLDER, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) &&
        values[name] !== null && values[name] !== undefined ? String(values[name]) : whole;
    });
  };

  /* Scores are rounded to two decimals, as the studio shows them. */
  function round2(x) { return Math.round(x * 100) / 100; }

  /* "1.5 of 3 points" */
  CP.points = function (score, max) {
    return CP.say("points", { score: round2(score), max: round2(max) }, round2(max));
  };

  function fmtPct(p) {
    if (p === null || p === undefined) { return "–"; }
    return round2(p) + "%";
  }
  CP.fmtPct = fmtPct;

  /* el("button", {type: "button", class: "x", "aria-label": "..."}, [children]) */
  CP.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === "text") { node.textContent = String(value); }
        else if (name === "onclick") { node.addEventListener("click", value); }
        else if (value === true) { node.setAttribute(name, ""); }
        else { node.setAttribute(name, String(value)); }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  };

  /* "→", or "←" on a right-to-left page: the arrow that points ahead in the reading order. */
  CP.arrow = function () {
    return document.documentElement.getAttribute("dir") === "rtl" ? "\u2190" : "\u2192";
  };

  CP.clear = function (node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
    return node;
  };

  var uidCounter = 0;
  CP.uid = function (prefix) { uidCounter += 1; return (prefix || "cp") + "-" + uidCounter; };

  CP.query = function (search) {
    var out = {};
    (search || "").replace(/^\?/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      var eq = part.indexOf("=");
      var key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " "));
      out[key] = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
    });
    return out;
  };

  /* Fisher–Yates with an injectable random source (tests and reproducible draws). */
  CP.shuffled = function (list, random) {
    var copy = list.slice();
    var rnd = random || Math.random;
    for (var i = copy.length - 1; i > 0; i -= 1) {
      var j = Math.floor(rnd() * (i + 1));
      var tmp = copy[i]; copy[i] = copy[j]; copy[j] = tmp;
    }
    return copy;
  };

  CP.isFormField = function (node) {
    if (!node || !node.tagName) { return false; }
    var tag = node.tagName.toLowerCase();
    return tag === "input" || tag === "select" || tag === "textarea" || tag === "video" ||
      tag === "audio" || node.isContentEditable === true;
  };

  CP.announce = function (text) {
    var live = document.getElementById("cp-live");
    if (!live) { return; }
    live.textContent = "";
    global.setTimeout(function () { live.textContent = text; }, 30);
  };
})(window);
