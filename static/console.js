// elderride dispatch console: live queue, the review alert, shortcuts, remembered drivers.
// Every page works without this file; it only saves a dispatcher time.
(function () {
  "use strict";

  var store = {
    get: function (key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  };
  var MUTE_KEY = "elderride.console.mute";
  var SHORTCUTS_KEY = "elderride.console.shortcuts";
  var body = document.body;
  var announcer = document.querySelector("[data-announcer]");

  function toggle(selector, key, onValue, initial) {
    var button = document.querySelector(selector);
    if (!button) { return function () { return initial; }; }
    var read = function () { return (store.get(key) || initial) === onValue; };
    var show = function () { button.setAttribute("aria-pressed", read() ? "true" : "false"); };
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      store.set(key, read() ? (onValue === "on" ? "off" : "no") : onValue);
      show();
    });
    return read;
  }
  // Muted is remembered on this computer; shortcuts can be turned off (WCAG 2.1.4).
  var muted = toggle("[data-mute]", MUTE_KEY, "yes", "no");
  var shortcutsOn = toggle("[data-shortcuts]", SHORTCUTS_KEY, "on", "on");
  var shortcutHelp = document.querySelector("[data-shortcut-help]");
  var showHelp = function () { if (shortcutHelp) { shortcutHelp.hidden = !shortcutsOn(); } };
  showHelp();
  var shortcutsButton = document.querySelector("[data-shortcuts]");
  if (shortcutsButton) { shortcutsButton.addEventListener("click", showHelp); }

  // Two short tones: heard across a room, not alarming.
  var audio = null;
  function chime() {
    if (muted()) { return; }
    body.dataset.chimes = String(Number(body.dataset.chimes || "0") + 1);
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    try {
      audio = audio || new Context();
      [0, 0.25].forEach(function (offset, index) {
        var tone = audio.createOscillator();
        var gain = audio.createGain();
        tone.frequency.value = index ? 660 : 880;
        gain.gain.setValueAtTime(0.2, audio.currentTime + offset);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + offset + 0.2);
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + offset);
        tone.stop(audio.currentTime + offset + 0.2);
      });
    } catch (e) { /* no sound device: the visible alert still shows */ }
  }

  // Waiting times count up between refreshes.
  function tick() {
    document.querySelectorAll("time[data-since]").forEach(function (time) {
      var waited = Date.now() - Date.parse(time.dataset.since);
      var minutes = Math.floor(waited / 60000);
      var text = waited < 0 ? "–" : minutes < 60
        ? time.dataset.minutes.replace("{minutes}", minutes)
        : time.dataset.hours.replace("{hours}", Math.floor(minutes / 60))
            .replace("{minutes}", ("0" + (minutes % 60)).slice(-2));
      if (time.textContent !== text) { time.textContent = text; }
    });
  }
  window.setInterval(tick, 15000);

  // The live queue: swapped in only when a ride changed, so focus and reading are not disturbed.
  var holder = document.querySelector("[data-refresh]");
  function reviewIds(root, list) {
    var panel = root.querySelector(".queue-panel");
    return panel ? (panel.dataset[list || "reviews"] || "").trim().split(/\s+/).filter(Boolean) : [];
  }
  if (holder && window.fetch) {
    var url = holder.getAttribute("data-refresh");
    var known = reviewIds(holder);
    var knownEscalated = reviewIds(holder, "escalated");
    var refresh = function () {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          var next = document.createElement("div");
          next.innerHTML = html;
          var old = holder.querySelector(".queue-panel");
          var fresh = next.querySelector(".queue-panel");
          if (!fresh || (old && old.dataset.signature === fresh.dataset.signature)) { return; }
          var focused = document.activeElement && document.activeElement.getAttribute("href");
          holder.replaceChildren.apply(holder, Array.prototype.slice.call(next.childNodes));
          if (focused) {
            var again = holder.querySelector("a[href='" + focused + "']");
            if (again) { again.focus(); }
          }
          var ids = reviewIds(holder);
          var arrived = ids.filter(function (id) { return known.indexOf(id) < 0; });
          known = ids;
          if (arrived.length) {
            var alert = holder.querySelector("[data-review-alert]");
            if (alert) { alert.classList.add("fresh"); }
            if (announcer) { announcer.textContent = fresh.dataset.reviewText; }
            chime();
          }
          // A ride that nobody has taken as its pickup nears: the same two tones, its own words.
          var escalated = reviewIds(holder, "escalated");
          var raised = escalated.filter(function (id) { return knownEscalated.indexOf(id) < 0; });
          knownEscalated = escalated;
          if (raised.length && !arrived.length) {
            if (announcer) { announcer.textContent = fresh.dataset.escalatedText; }
            chime();
          }
        })
        .catch(function () { /* offline for a moment: try again next time */ })
        .then(function () { window.setTimeout(refresh, 4000); });
    };
    window.setTimeout(refresh, 4000);
  }

  // Keyboard shortcuts, off while typing: / search, j and k between rides, m mute.
  document.addEventListener("keydown", function (event) {
    if (!shortcutsOn() || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, audio, [contenteditable]")) { return; }
    var links = Array.prototype.slice.call(document.querySelectorAll(".ride-link"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "/") {
      var search = document.getElementById("q");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
    } else if ((event.key === "j" || event.key === "k") && links.length) {
      event.preventDefault();
      var step = event.key === "j" ? 1 : -1;
      links[Math.min(links.length - 1, Math.max(0, at < 0 ? 0 : at + step))].focus();
    } else if (event.key === "m") {
      var mute = document.querySelector("[data-mute]");
      if (mute) { mute.click(); }
    }
  });

  // A remembered driver fills in the driver and car; the minutes are typed each time.
  var picker = document.getElementById("driver_id");
  if (picker) {
    picker.addEventListener("change", function () {
      var option = picker.options[picker.selectedIndex];
      if (!option || !option.value) { return; }
      var fields = { driver_name: "name", driver_phone: "phone", car_make: "make", car_colour: "colour", plate: "plate" };
      Object.keys(fields).forEach(function (id) {
        var input = document.getElementById(id);
        if (input) { input.value = option.dataset[fields[id]] || ""; }
      });
    });
  }
})();
