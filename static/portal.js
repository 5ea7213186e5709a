// The family portal's small enhancements; every page works without this file.
(function () {
  "use strict";

  // A new senior most often lives where the family is: start from the browser's own time zone.
  var zone = document.querySelector("input[data-browser-zone]");
  if (zone && !zone.value && window.Intl && Intl.DateTimeFormat) {
    var browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var known = document.querySelector('#timezones option[value="' + browserZone + '"]');
    if (browserZone && (known || browserZone === "UTC")) { zone.value = browserZone; }
  }
})();
