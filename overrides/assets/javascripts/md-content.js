// Opens the content tab the address or the reader's last choice names. Runs
// right after the article, before it paints; a file, not inline, for the CSP.
/*! Re-ported from Material for MkDocs, partials/javascripts/content.html (MIT
    licence, Copyright (c) 2016-2025 Martin Donath): see THIRD-PARTY.md. */
(function () {
  "use strict";
  // content.tabs.link: open, in every tab set, the tab the reader last chose.
  var tabs = document.currentScript.hasAttribute("data-md-tabs-link") && window.__md_get("__tabs");
  if (Array.isArray(tabs)) {
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      var labels = set.querySelector(".tabbed-labels").getElementsByTagName("label");
      for (var t = 0; t < tabs.length; t++) {
        for (var l = 0; l < labels.length; l++) {
          if (labels[l].innerText.trim() === tabs[t]) {
            document.getElementById(labels[l].htmlFor).checked = true;
            return;
          }
        }
      }
    });
  }
  // If the URL names a content tab (#__tabbed_…), open it.
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();
