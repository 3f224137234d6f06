// Apply the reader's saved light/dark palette before the page paints.
// Re-ported from Material for MkDocs, partials/javascripts/palette.html (MIT
// licence, Copyright (c) 2016-2025 Martin Donath): see THIRD-PARTY.md.
(function () {
  "use strict";
  var saved;
  try { saved = window.__md_get("__palette"); } catch (e) { return; }
  if (!saved || !saved.color) return;
  var color = saved.color;
  if (color.media === "(prefers-color-scheme)") {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']");
    if (!input) return;
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
  }
  Object.keys(color).forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, color[key]);
  });
})();
