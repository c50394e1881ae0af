/* "Resume where you left off?": a modal dialog with Resume (focused first, and what Escape
   means) and Start over. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  /* Shows the question over the page; onChoice(resume: bool) is called once, after the dialog
     has closed. */
  function ask(doc, onChoice) {
    var titleId = CP.uid("resume-title");
    var detailId = CP.uid("resume-detail");
    var form = el("form", { method: "dialog" }, [
      el("h2", { id: titleId, text: S.resumeQuestion }),
      el("p", { id: detailId, text: S.resumeDetail }),
      el("div", { class: "actions" }, [
        el("button", { type: "submit", class: "primary", value: "resume", autofocus: true, text: S.resume }),
        el("button", { type: "submit", class: "secondary", value: "restart", text: S.startOver })
      ])
    ]);
    var dialog = el("dialog", { class: "resume-dialog", "aria-labelledby": titleId,
      "aria-describedby": detailId }, [form]);
    dialog.addEventListener("close", function () {
      var restart = dialog.returnValue === "restart";
      dialog.parentNode.removeChild(dialog);
      onChoice(!restart);
    });
    doc.body.appendChild(dialog);
    dialog.showModal();
    return dialog;
  }

  CP.resumePrompt = { ask: ask };
})(window);
