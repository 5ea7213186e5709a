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

  // "Pick me up where I am": the device's location, asked for once, in the page's own words
  // first; refused or unavailable, the page says what to do instead and does not ask again.
  var offer = document.querySelector("[data-here-offer]");
  var refusedKey = "elderride-here-refused";
  var remembered = function () {
    try { return window.localStorage.getItem(refusedKey); } catch (error) { return "1"; }
  };
  if (offer && navigator.geolocation && !remembered()) {
    offer.hidden = false;
    offer.querySelector("[data-here]").addEventListener("click", function () {
      var form = offer.closest("form");
      var asking = document.querySelector("[data-here-asking]");
      var refused = document.querySelector("[data-here-refused]");
      asking.hidden = false;
      navigator.geolocation.getCurrentPosition(function (position) {
        form.querySelector("[data-here-latitude]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[data-here-longitude]").value = position.coords.longitude.toFixed(6);
        var choose = document.createElement("input");
        choose.type = "hidden";
        choose.name = "set_pickup";
        choose.value = "here";
        form.appendChild(choose);
        form.submit();
      }, function () {
        try { window.localStorage.setItem(refusedKey, "1"); } catch (error) { /* private mode */ }
        asking.hidden = true;
        offer.hidden = true;
        refused.hidden = false;
      }, { timeout: 20000, maximumAge: 60000 });
    });
  }

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
