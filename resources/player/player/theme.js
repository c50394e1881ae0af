/* The course's brand kit on the page: the button style, the logo in the header bar and the
   favicon, from COURSE_DATA.theme (colours, radius and fonts arrive as CSS in theme/theme.css).
   The favicon link in index.html is a placeholder ("data:", so no browser asks the LMS for
   /favicon.ico); it points at the kit's icon once the course data is read. Runs before the
   player starts, so the first screen is drawn branded. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;

  /* theme: COURSE_DATA.theme ({logo, logoAlt, favicon, buttonStyle}); absent = the default look. */
  function apply(doc, theme) {
    if (!theme) { return; }
    if (theme.buttonStyle) { doc.body.setAttribute("data-button-style", String(theme.buttonStyle)); }
    var logo = doc.getElementById("brand-logo");
    if (logo && theme.logo) {
      logo.setAttribute("src", String(theme.logo));
      logo.setAttribute("alt", String(theme.logoAlt || ""));
      logo.hidden = false;
    }
    var icon = doc.getElementById("brand-favicon");
    if (icon && theme.favicon) { icon.setAttribute("href", String(theme.favicon)); }
  }

  CP.theme = { apply: apply };
  global.document.addEventListener("DOMContentLoaded", function () {
    apply(global.document, global.COURSE_DATA && global.COURSE_DATA.theme);
  });
})(window);
