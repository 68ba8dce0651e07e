// Draw each Plotly chart from its JSON block (script type="application/json" is data, never executed).
// Every chart has a table of the same numbers beside it, so the page works without this script.
document.querySelectorAll("[data-chart]").forEach(function (target) {
  var source = document.getElementById(target.dataset.chart);
  if (!source || typeof Plotly === "undefined") return;
  var figure = JSON.parse(source.textContent);
  Plotly.newPlot(target, figure.data, figure.layout, { responsive: true, displayModeBar: false });
});
