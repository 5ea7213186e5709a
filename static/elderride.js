// elderride pages: small enhancements only; every page works without this file.
(function () {
  "use strict";

  // Read the page aloud in its own language with the browser's speech synthesis.
  var reader = document.querySelector("[data-read-aloud]");
  if (reader && "speechSynthesis" in window) {
    reader.hidden = false;
    reader.addEventListener("click", function () {
      var synth = window.speechSynthesis;
      if (synth.speaking) { synth.cancel(); return; }
      var main = document.querySelector("[data-speak]");
      var utterance = new SpeechSynthesisUtterance(main ? main.innerText : document.body.innerText);
      utterance.lang = reader.getAttribute("data-lang") || document.documentElement.lang;
      utterance.rate = 0.9;
      synth.speak(utterance);
    });
  }

  // A shaky second tap must not send a form twice (the server also refuses duplicates).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
      });
    });
  });

  // Keep the ride's status current without a reload.
  var panel = document.querySelector("[data-refresh]");
  if (panel && window.fetch) {
    var url = panel.getAttribute("data-refresh");
    var refresh = function () {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          // Signed out (or the link turned off) meanwhile: show the page that says so, not a
          // sign-in form inside the panel.
          if (response.redirected) { window.location.reload(); return null; }
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null && html.trim() !== panel.innerHTML.trim()) {
            panel.innerHTML = html;
          }
        })
        .catch(function () { /* offline for a moment: try again next time */ })
        .then(function () { window.setTimeout(refresh, 4000); });
    };
    window.setTimeout(refresh, 4000);
  }
})();
