/* The preview's reload: ask the server for a version past this page's; reload when one comes. */
(function () {
  "use strict";
  var me = document.currentScript || document.querySelector("script[data-version]");
  var version = Number(me.getAttribute("data-version")) || 0;
  var wait = 500;
  function ask() {
    fetch("/events?since=" + version, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        wait = 500;
        if (Number(text) > version) { window.location.reload(); } else { ask(); }
      })
      .catch(function () { wait = Math.min(wait * 2, 10000); window.setTimeout(ask, wait); });  /* the preview stopped */
  }
  ask();
}());
