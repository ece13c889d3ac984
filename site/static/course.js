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
      var config = Object.assign({ responsive: true, displaylogo: false }, spec.config || {});
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
