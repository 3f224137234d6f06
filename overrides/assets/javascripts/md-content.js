// If the URL names a content tab (#__tabbed_…), open it.
(function () {
  "use strict";
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name && target.name.indexOf("__tabbed_") === 0) target.checked = true;
})();
