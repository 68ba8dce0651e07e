// Draws each national rollup chart from the figure JSON beside it. The table of the same numbers is always on the
// page, so without JavaScript (or Plotly) nothing is lost.
(function () {
  if (!window.Plotly) return;
  document.querySelectorAll("[data-app-chart]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-app-chart"));
    if (!source) return;
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(element, figure.data, figure.layout, { displaylogo: false, displayModeBar: false, responsive: true });
  });
})();
