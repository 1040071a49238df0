// The customer page's charts (after charts.js): month by month, and its scores over time.
(() => {
  const data = JSON.parse(document.getElementById('customer-data').textContent);
  window.creditflow.monthsChart(document.getElementById('months-chart'), data);

  const canvas = document.getElementById('score-chart');
  if (!canvas) return;
  const scores = JSON.parse(document.getElementById('score-data').textContent);
  // A class's colour, as its chip says it: A and B fine, C watched, D no credit.
  const colour = { A: '#1f7a4d', B: '#1f3a5f', C: '#b26b00', D: '#b42318' };
  const day = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(window.creditflow.locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: scores.map((s) => day(s.at)),
      datasets: [{
        label: 'Score',
        data: scores.map((s) => s.score),
        borderColor: '#9db8d9',
        pointBackgroundColor: scores.map((s) => colour[s.class] ?? '#4a5568'),
        pointBorderColor: scores.map((s) => colour[s.class] ?? '#4a5568'),
        pointRadius: 5,
        tension: 0,
      }],
    },
    options: {
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => `${scores[c.dataIndex].source}: ${c.parsed.y}${scores[c.dataIndex].class ? `, class ${scores[c.dataIndex].class}` : ''}` } },
      },
      scales: {
        y: { suggestedMin: 0, suggestedMax: 100, grid: { color: '#eef1f5' }, title: { display: true, text: 'score' } },
        x: { grid: { display: false } },
      },
    },
  });
})();
