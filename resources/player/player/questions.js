/* One question as native form controls: render, read the learner's response, show feedback. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  /* Views of the types kept in their own files (question_*.js), by type name:
     build(q, ctx) with ctx {uid, body, promptId, options, setMessage(text), showMessage(text)}
     -> {controls: [form controls], read() -> {answered, response, message},
         answerText() -> the correct answer as text, feedback(box, outcome, response, reveal),
         disable()}; every member but controls and read may be left out.
     grouped: the view is a set of controls (a fieldset) rather than one labelled field. */
  var views = CP.questionViews = CP.questionViews || {};

  /* Text between questions: no controls, no number, never unanswered, never reported. */
  var TEXT_ONLY = ["description"];
  function isTextOnly(q) { return TEXT_ONLY.indexOf(q.type) >= 0; }

  /* A question's picture, sound or clip (kind "image" | "audio" | "video", image when absent);
     alt is the text alternative (img alt, the players' aria-label). null without src. */
  function mediaNode(src, kind, alt, className) {
    if (!src) { return null; }
    if (kind === "audio" || kind === "video") {
      return el(kind, { class: className + " " + kind, src: src, controls: true, preload: "metadata",
        playsinline: kind === "video", "aria-label": alt || null });
    }
    return el("img", { class: className, src: src, alt: alt || "" });
  }

  function choiceList(q, options) {
    var list = q.type === "likert" ? q.scale || [] : q.choices || [];
    return options.shuffle && q.type !== "likert" ? CP.shuffled(list, options.random) : list.slice();
  }

  function uniqueRights(q, options) {
    var seen = {};
    var rights = [];
    (q.pairs || []).forEach(function (p) {
      if (!Object.prototype.hasOwnProperty.call(seen, p.right)) {
        seen[p.right] = true;
        rights.push({ id: p.id, text: p.right });
      }
    });
    return options.shuffle ? CP.shuffled(rights, options.random) : rights;
  }

  function selectWith(id, labelText, entries) {
    var select = el("select", { id: id });
    select.appendChild(el("option", { value: "", text: S.choose }));
    entries.forEach(function (e) { select.appendChild(el("option", { value: e.id, text: e.text })); });
    var row = el("div", { class: "select-row" }, [el("label", { for: id, text: labelText }), select]);
    return { row: row, select: select };
  }

  function correctAnswerText(q) {
    switch (q.type) {
      case "choice": case "multiple":
        return (q.choices || []).filter(function (c) { return c.correct === true; })
          .map(function (c) { return c.text; }).join("; ");
      case "truefalse": return q.answer === true ? S.trueLabel : S.falseLabel;
      case "fill": return (q.answers || [])[0] || "";
      case "numeric":
        if (typeof q.value === "number") {
          return q.tolerance ? q.value + " ± " + Math.abs(q.tolerance) : String(q.value);
        }
        return [q.min, q.max].filter(function (x) { return typeof x === "number"; }).join(" – ");
      case "matching":
        return (q.pairs || []).map(function (p) { return p.left + " " + CP.arrow() + " " + p.right; }).join("; ");
      case "sequencing":
        return (q.items || []).map(function (i) { return i.text; }).join(" " + CP.arrow() + " ");
      default: return "";
    }
  }

  function parseNumber(text) {
    var t = String(text).trim();
    if (t.indexOf(",") >= 0 && t.indexOf(".") < 0) { t = t.replace(",", "."); }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) { return null; }
    return Number(t);
  }

  function renderTextOnly(q) {
    var node = el("div", { class: "question description", "data-question": q.id });
    String(q.prompt || "").split(/\n\s*\n|\n/).forEach(function (line) {
      if (line.trim()) { node.appendChild(el("p", { text: line })); }
    });
    var media = mediaNode(q.media, q.mediaKind, q.mediaAlt, "question-media");
    if (media) { node.appendChild(media); }
    function nothing() {}
    return {
      question: q, node: node, read: function () { return { answered: true, response: null }; },
      showFeedback: nothing, disable: nothing, setMessage: nothing,
      focus: function () { return false; }
    };
  }

  /* The choice rows of choice, multiple, likert and truefalse; a picture goes inside the label
     (clicking it picks the choice), a sound or clip beside it (its controls stay its own). */
  function renderChoices(q, options, uid, body, controls, choiceRows) {
    var entries = q.type === "truefalse"
      ? [{ id: "true", text: S.trueLabel }, { id: "false", text: S.falseLabel }]
      : choiceList(q, options);
    var inputType = q.type === "multiple" ? "checkbox" : "radio";
    entries.forEach(function (c, i) {
      var inputId = uid + "-c" + i;
      var input = el("input", { type: inputType, id: inputId, name: uid, value: c.id });
      var media = mediaNode(c.media, c.mediaKind, c.mediaAlt, "choice-media");
      var inLabel = media && media.tagName.toLowerCase() === "img";
      var label = el("label", { for: inputId }, [el("span", { text: c.text }), inLabel ? media : null]);
      var row = el("div", { class: "choice" }, [input, label, inLabel ? null : media]);
      choiceRows[c.id] = row;
      controls.push(input);
      body.appendChild(row);
    });
  }

  /* options: {shuffle, random, number, total, kept: {questionId: text}, onDraft(id, text)}
     -> {question, node, read() -> {answered, response, message}, focus() -> bool,
         showFeedback(), disable(), setMessage()} */
  function render(q, options) {
    if (isTextOnly(q)) { return renderTextOnly(q); }
    var uid = CP.uid("q");
    var promptId = uid + "-prompt";
    var controls = [];
    var choiceRows = {};
    var node, body, part = null;
    var builder = views[q.type] || null;
    var grouped = builder ? builder.grouped === true : q.type !== "fill" && q.type !== "numeric";

    var counter = el("p", { class: "question-number", text: S.questionTime + " " + options.number +
      " / " + options.total });
    if (grouped) {
      node = el("fieldset", { class: "question", "data-question": q.id }, [
        el("legend", { id: promptId, class: "prompt", text: q.prompt })
      ]);
      node.appendChild(counter);
    } else {
      node = el("div", { class: "question", role: "group", "aria-labelledby": promptId,
        "data-question": q.id }, [counter, el("p", { id: promptId, class: "prompt", text: q.prompt })]);
    }
    var media = mediaNode(q.media, q.mediaKind, q.mediaAlt, "question-media");
    if (media) { node.appendChild(media); }
    body = el("div", { class: "answers" });
    node.appendChild(body);
    var message = el("p", { class: "question-message", id: uid + "-message" });
    var feedback = el("div", { class: "feedback", id: uid + "-feedback" });

    if (builder) {
      part = builder.build(q, { uid: uid, body: body, promptId: promptId, options: options,
        setMessage: setMessage, showMessage: function (text) { message.textContent = text || ""; } });
      controls = part.controls;
    } else if (q.type === "choice" || q.type === "multiple" || q.type === "likert" || q.type === "truefalse") {
      renderChoices(q, options, uid, body, controls, choiceRows);
    } else if (q.type === "fill" || q.type === "numeric") {
      var field = el("input", { type: "text", id: uid + "-answer", "aria-labelledby": promptId,
        autocomplete: "off", inputmode: q.type === "numeric" ? "decimal" : null, spellcheck: "false" });
      controls.push(field);
      body.appendChild(field);
    } else if (q.type === "matching") {
      var rights = uniqueRights(q, options);
      (q.pairs || []).forEach(function (p, i) {
        var built = selectWith(uid + "-m" + i, p.left, rights);
        built.select.setAttribute("data-left", p.id);
        controls.push(built.select);
        body.appendChild(built.row);
      });
    } else if (q.type === "sequencing") {
      /* Options always shuffled: listing them in authored order would give the answer away. */
      var items = CP.shuffled(q.items || [], options.random);
      (q.items || []).forEach(function (unused, i) {
        var built = selectWith(uid + "-s" + i, S.position + " " + (i + 1), items);
        controls.push(built.select);
        body.appendChild(built.row);
      });
    } else {
      throw new Error("Unknown question type: " + q.type);
    }

    node.appendChild(message);
    node.appendChild(feedback);

    function read() {
      if (part) { return part.read(); }
      var checked = controls.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      switch (q.type) {
        case "choice": case "likert":
          return { answered: checked.length === 1, response: checked[0] || null };
        case "truefalse":
          return { answered: checked.length === 1, response: checked.length ? checked[0] === "true" : null };
        case "multiple":
          return { answered: checked.length > 0, response: checked };
        case "fill": {
          var text = controls[0].value;
          return { answered: text.trim() !== "", response: text };
        }
        case "numeric": {
          var raw = controls[0].value;
          if (raw.trim() === "") { return { answered: false, response: null }; }
          var value = parseNumber(raw);
          return value === null ? { answered: false, response: null, message: S.numberExpected }
            : { answered: true, response: value };
        }
        case "matching": {
          var pairs = {};
          var complete = controls.every(function (s) {
            pairs[s.getAttribute("data-left")] = s.value;
            return s.value !== "";
          });
          return { answered: complete, response: pairs };
        }
        case "sequencing": {
          var order = controls.map(function (s) { return s.value; });
          return { answered: order.every(function (v) { return v !== ""; }), response: order };
        }
        default: return { answered: false, response: null };
      }
    }

    function setMessage(text) {
      message.textContent = text || "";
      controls.forEach(function (c) {
        if (text) {
          c.setAttribute("aria-invalid", "true");
          c.setAttribute("aria-describedby", message.id);
        } else {
          c.removeAttribute("aria-invalid");
          c.removeAttribute("aria-describedby");
        }
      });
    }

    /* outcome: {score, max, correct: bool|null}: right, wrong, or unscored (null); a wrong
       answer that still scored is partly right. reveal: show the correct answer when wrong. */
    function showFeedback(outcome, response, reveal) {
      setMessage("");
      CP.clear(feedback);
      var partly = outcome.correct === false && outcome.score > 0;
      var verdict = outcome.correct === null ? S.answered : outcome.correct ? S.correct
        : partly ? CP.say("partlyCorrect", { points: CP.points(outcome.score, outcome.max) }) : S.incorrect;
      feedback.className = "feedback " + (outcome.correct === null ? "neutral"
        : outcome.correct ? "is-correct" : partly ? "is-partial" : "is-incorrect");
      feedback.appendChild(el("p", { class: "verdict", text: verdict }));
      var said = q.feedback || {};
      var authored = outcome.correct === null ? ""
        : outcome.correct ? said.correct : partly && said.partial ? said.partial : said.incorrect;
      if (authored) { feedback.appendChild(el("p", { text: authored })); }
      /* general feedback: for every learner, right, wrong or unscored */
      if (said.general) {
        feedback.appendChild(el("p", { class: "general-feedback", text: said.general }));
      }
      var selected = q.type === "choice" ? [response] : q.type === "multiple" ? response || [] : [];
      (q.choices || []).forEach(function (c) {
        if (selected.indexOf(c.id) >= 0 && c.feedback && choiceRows[c.id]) {
          choiceRows[c.id].appendChild(el("span", { class: "choice-feedback", text: c.feedback }));
        }
      });
      if (part && part.feedback) { part.feedback(feedback, outcome, response, reveal); }
      if (reveal && outcome.correct === false) {
        var answer = part ? (part.answerText ? part.answerText() : "") : correctAnswerText(q);
        if (answer) { feedback.appendChild(el("p", { class: "correct-answer" }, [S.correctAnswer, answer])); }
      }
      node.setAttribute("aria-describedby", feedback.id);
    }

    function disable() {
      controls.forEach(function (c) { c.disabled = true; });
      if (part && part.disable) { part.disable(); }
    }

    return {
      question: q, node: node, read: read, showFeedback: showFeedback, disable: disable,
      setMessage: setMessage,
      focus: function () { if (!controls.length) { return false; } controls[0].focus(); return true; }
    };
  }

  CP.questions = {
    render: render, parseNumber: parseNumber, correctAnswerText: correctAnswerText,
    mediaNode: mediaNode, isTextOnly: isTextOnly
  };
})(window);
