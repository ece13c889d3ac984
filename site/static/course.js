// Draw every plotly figure on the page from its JSON, with the one local plotly.min.js.
// No network: the figure data are in the page, and plotly.min.js is in static/.
(function () {
  "use strict";
  function draw() {
    var blocks = document.querySelectorAll("script.course-figure-data");
    if (!blocks.length) { return; }
    if (typeof window.Plotly === "undefined") {
      blocks.forEach(function (s) {
        var div = document.getElementById(s.dataset.target);
        if (div) { div.textContent = "This figure needs static/plotly.min.js, which did not load."; }
      });
      return;
    }
    blocks.forEach(function (s) {
      var div = document.getElementById(s.dataset.target);
      if (!div) { return; }
      var spec = JSON.parse(s.textContent);
      // No mode bar: its buttons would be focusable controls inside an element that is an image for assistive
      // technology (axe: nested-interactive). Drag to zoom and double-click to reset still work; the data
      // table under each figure gives the numbers to keyboard and screen-reader users.
      var config = Object.assign({ responsive: true, displaylogo: false }, spec.config || {}, { displayModeBar: false });
      window.Plotly.newPlot(div, spec.data || [], spec.layout || {}, config).then(function () {
        div.setAttribute("data-rendered", "true");
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
