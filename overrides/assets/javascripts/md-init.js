// Re-ported from Material for MkDocs, partials/javascripts/base.html and
// partials/javascripts/palette.html (MIT licence, Copyright (c) 2016-2025
// Martin Donath): see THIRD-PARTY.md.
// What Material's two inline scripts do before its bundle runs, from one file:
// no inline script (the site's Content-Security-Policy) and one request, not
// two. Loaded in the header (partials/javascripts/palette.html), where Material
// has its palette script, before the page is painted: 1. the globals the bundle
// expects (scoped localStorage helpers); 2. the reader's saved palette, on <body>.
(function () {
  "use strict";
  var scope = document.currentScript.getAttribute("data-md-scope") || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i++) hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
    return hash;
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* storage full or blocked */ }
  };

  if (!document.body) return;   // a site without a palette loads this in <head>
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
