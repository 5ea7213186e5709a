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

// A pin on a map, where the operator set a tile source (ELDERRIDE_MAP_TILES): tapping the map
// fills in the same coordinates field a family can also paste into.
(function () {
  "use strict";

  var box = document.querySelector(".map-pin[data-tiles]");
  if (!box) { return; }
  var template = box.getAttribute("data-tiles");
  var field = document.getElementById(box.getAttribute("data-for"));
  var view = box.querySelector(".map-view");
  var SIZE = 256;
  var MAX_ZOOM = 19;
  var at = { zoom: 2, lat: 20, lon: 0 };
  var pin = null;
  var typed = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(field ? field.value : "");
  if (typed) {
    pin = { lat: Number(typed[1]), lon: Number(typed[2]) };
    at = { zoom: 16, lat: pin.lat, lon: pin.lon };
  }
  box.hidden = false;

  // Web Mercator, as every slippy-map tile source draws it.
  function project(lat, lon, zoom) {
    var width = SIZE * Math.pow(2, zoom);
    var sine = Math.sin(Math.max(-85, Math.min(85, lat)) * Math.PI / 180);
    return {
      x: (lon + 180) / 360 * width,
      y: (0.5 - Math.log((1 + sine) / (1 - sine)) / (4 * Math.PI)) * width
    };
  }

  function unproject(x, y, zoom) {
    var width = SIZE * Math.pow(2, zoom);
    var k = Math.PI - 2 * Math.PI * y / width;
    var lon = x / width * 360 - 180;
    return { lat: 180 / Math.PI * Math.atan(Math.sinh(k)), lon: ((lon + 540) % 360) - 180 };
  }

  function corner() {
    var middle = project(at.lat, at.lon, at.zoom);
    return { x: middle.x - view.clientWidth / 2, y: middle.y - view.clientHeight / 2 };
  }

  function tileUrl(zoom, x, y) {
    return template.replace("{z}", zoom).replace("{x}", x).replace("{y}", y);
  }

  function draw() {
    var top = corner();
    var count = Math.pow(2, at.zoom);
    view.textContent = "";
    for (var tx = Math.floor(top.x / SIZE); tx <= Math.floor((top.x + view.clientWidth) / SIZE); tx++) {
      for (var ty = Math.floor(top.y / SIZE); ty <= Math.floor((top.y + view.clientHeight) / SIZE); ty++) {
        if (ty < 0 || ty >= count) { continue; }
        var tile = document.createElement("img");
        tile.alt = "";
        tile.draggable = false;
        tile.className = "map-tile";
        tile.src = tileUrl(at.zoom, ((tx % count) + count) % count, ty);
        tile.style.left = (tx * SIZE - top.x) + "px";
        tile.style.top = (ty * SIZE - top.y) + "px";
        view.appendChild(tile);
      }
    }
    if (pin) {
      var spot = project(pin.lat, pin.lon, at.zoom);
      var mark = document.createElement("span");
      mark.className = "map-mark";
      mark.style.left = (spot.x - top.x) + "px";
      mark.style.top = (spot.y - top.y) + "px";
      view.appendChild(mark);
    }
  }

  function moveBy(dx, dy) {
    var middle = project(at.lat, at.lon, at.zoom);
    var moved = unproject(middle.x + dx, middle.y + dy, at.zoom);
    at.lat = moved.lat;
    at.lon = moved.lon;
    draw();
  }

  function zoomBy(step) {
    at.zoom = Math.max(1, Math.min(MAX_ZOOM, at.zoom + step));
    draw();
  }

  function mark(x, y) {
    var top = corner();
    pin = unproject(top.x + x, top.y + y, at.zoom);
    field.value = pin.lat.toFixed(6) + ", " + pin.lon.toFixed(6);
    draw();
  }

  var pressed = null;
  view.addEventListener("pointerdown", function (event) {
    pressed = { x: event.clientX, y: event.clientY, lastX: event.clientX, lastY: event.clientY, dragged: false };
    view.setPointerCapture(event.pointerId);
  });
  view.addEventListener("pointermove", function (event) {
    if (!pressed) { return; }
    if (Math.abs(event.clientX - pressed.x) + Math.abs(event.clientY - pressed.y) > 6) { pressed.dragged = true; }
    if (pressed.dragged) {
      moveBy(pressed.lastX - event.clientX, pressed.lastY - event.clientY);
      pressed.lastX = event.clientX;
      pressed.lastY = event.clientY;
    }
  });
  view.addEventListener("pointerup", function (event) {
    if (pressed && !pressed.dragged) {
      // The map's own pixels start inside its border.
      var rect = view.getBoundingClientRect();
      mark(event.clientX - rect.left - view.clientLeft, event.clientY - rect.top - view.clientTop);
    }
    pressed = null;
  });
  view.addEventListener("keydown", function (event) {
    var steps = { ArrowLeft: [-64, 0], ArrowRight: [64, 0], ArrowUp: [0, -64], ArrowDown: [0, 64] };
    if (steps[event.key]) {
      moveBy(steps[event.key][0], steps[event.key][1]);
    } else if (event.key === "+" || event.key === "=") {
      zoomBy(1);
    } else if (event.key === "-" || event.key === "−") {
      zoomBy(-1);
    } else if (event.key === "Enter") {
      mark(view.clientWidth / 2, view.clientHeight / 2);
    } else {
      return;
    }
    event.preventDefault();
  });
  Array.prototype.forEach.call(box.querySelectorAll("[data-zoom]"), function (button) {
    button.addEventListener("click", function () { zoomBy(Number(button.getAttribute("data-zoom"))); });
  });
  window.addEventListener("resize", draw);
  draw();
})();
