// dev-reload.js: included only by the preview server (relief serve -dev).
// It listens to /_relief/events and reloads the page after every rebuild.
// When the preview server stops, the browser keeps trying to reconnect;
// once the server is back, the page reloads to show what it serves now.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }
  var lost = false;
  var events = new EventSource("/_relief/events");
  events.addEventListener("reload", function () {
    location.reload();
  });
  events.addEventListener("error", function () {
    lost = true;
  });
  events.addEventListener("open", function () {
    if (lost) {
      location.reload();
    }
  });
})();
