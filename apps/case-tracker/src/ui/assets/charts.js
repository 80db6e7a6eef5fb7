// Draws each chart of a page with Chart.js from the figures embedded beside it as JSON. The same
// figures are always in the table under the chart, so nothing depends on this script running.
const COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#28a197', '#912b88', '#b58840', '#505a5f', '#5694ca', '#85994b', '#6f72af', '#f499be'];

function draw(canvas) {
  const spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
  const datasets = spec.datasets.map((dataset, index) => ({
    label: dataset.label,
    data: dataset.data,
    borderColor: COLOURS[index % COLOURS.length],
    backgroundColor: COLOURS[index % COLOURS.length],
    spanGaps: true,
  }));
  if (spec.reference) {
    datasets.push({
      label: spec.reference.label,
      data: spec.labels.map(() => spec.reference.value),
      type: 'line',
      borderColor: '#0b0c0c',
      backgroundColor: '#0b0c0c',
      borderDash: [6, 4],
      pointRadius: 0,
    });
  }
  // eslint-disable-next-line no-undef
  new Chart(canvas, {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: spec.unit } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

for (const canvas of document.querySelectorAll('canvas[data-chart]')) draw(canvas);
