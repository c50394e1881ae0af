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
    transcript: "Transcript", slideText: "Slide text", trueLabel: "True", falseLabel: "False",
    choose: "Choose…", position: "Position", yourAnswer: "Your answer",
    correct: "Correct.", incorrect: "Incorrect.", answered: "Answer recorded.",
    correctAnswer: "Correct answer: ", unanswered: "Answer every question before submitting. Unanswered: ",
    numberExpected: "Enter a number, for example 3.5.",
    passed: "Passed", failed: "Failed", notAttempted: "Not attempted",
    videoComplete: "Video complete.", questionTime: "Question",
    captions: "Captions", captionLanguage: "Caption language", narration: "Narration",
    quizSummary: function (pct, mark, score, max) {
      var points = typeof max === "number" && max > 0 ? pointsOf(score, max) + ", " : "";
      var pass = typeof mark === "number" ? "; pass mark " + mark + "%" : "";
      return "Score: " + points + fmtPct(pct) + pass + ".";
    },
    points: function (score, max) { return pointsOf(score, max); },
    partlyCorrect: function (score, max) { return "Partly correct (" + pointsOf(score, max) + ")."; },
    modelAnswer: "Model answer", yourAnswers: "Your written answers",
    characterCount: function (n, max) { return n + " / " + max + " characters"; },
    charactersLeft: function (n) { return n === 1 ? "1 character left." : n + " characters left."; },
    hotspotAreas: "Areas of the picture",
    hotspotPicked: function (label) { return "Picked: " + label; },
    hotspotMiss: "No area to pick at that spot. Click on a part of the picture, or use the list of areas.",
    hotspotRight: function (labels) { return "Right areas: " + labels; },
    dragItems: "Items to place",
    dragCategoryFor: "Category for ",
    dragChoices: "Category of each item",
    dragHint: "Drag each item into its category, or choose its category in the list below.",
    attemptsLeft: function (n) { return n < 0 ? "Unlimited attempts." : n + " attempt(s) left."; },
    passMark: function (mark) { return "Pass mark " + mark + "%."; },
    noAttemptsLeft: "No attempts left.", bestScore: "Best score: ",
    itemOf: function (i, n) { return "Item " + i + " of " + n; },
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
    trackingWaiting: function (n) { return n === 1 ? "1 record waiting to be sent" : n + " records waiting to be sent"; },
    trackingDropped: function (n) {
      return n === 1 ? "1 record was refused and could not be saved." : n + " records were refused and could not be saved.";
    },
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
    aboutDuration: function (seconds) {
      var minutes = Math.max(1, Math.round(seconds / 60));
      if (minutes < 60) { return "About " + minutes + (minutes === 1 ? " minute" : " minutes"); }
      var hours = Math.floor(minutes / 60), rest = minutes % 60;
      return "About " + hours + (hours === 1 ? " hour" : " hours") +
        (rest ? " " + rest + (rest === 1 ? " minute" : " minutes") : "");
    },
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

  /* Replaces plain-string entries of CP.strings in place (every script holds the same object);
     keys that are not plain strings here, and values that are not strings, are ignored. */
  CP.applyStrings = function (overrides) {
    if (!overrides || typeof overrides !== "object") { return; }
    Object.keys(overrides).forEach(function (key) {
      if (Object.prototype.hasOwnProperty.call(CP.strings, key) &&
          typeof CP.strings[key] === "string" && typeof overrides[key] === "string") {
        CP.strings[key] = overrides[key];
      }
    });
  };

  /* 1.5 of 3 points; scores are rounded to two decimals, as the studio shows them. */
  function pointsOf(score, max) {
    var round = function (x) { return Math.round(x * 100) / 100; };
    return round(score) + " of " + round(max) + (round(max) === 1 ? " point" : " points");
  }

  function fmtPct(p) {
    if (p === null || p === undefined) { return "–"; }
    return (Math.round(p * 100) / 100) + "%";
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
