// The dashboard's charts, drawn with Chart.js from the figures in the page's data block (after charts.js).
(() => {
  const data = JSON.parse(document.getElementById('dashboard-data').textContent);
  const money = window.creditflow.money(data.currency);
  const { compact } = window.creditflow;
  const amountTip = { callbacks: { label: (c) => `${c.dataset.label ? c.dataset.label + ': ' : ''}${money.format(c.parsed.y ?? c.parsed)}` } };

  // Aging: green while current, then warmer as days past due grow.
  new Chart(document.getElementById('aging-chart'), {
    type: 'bar',
    data: {
      labels: data.aging.labels,
      datasets: [{ data: data.aging.amounts, backgroundColor: ['#2f9e6b', '#f2c14e', '#f08c3a', '#e5603a', '#c83a2e', '#8e1f1a'], borderRadius: 4 }],
    },
    options: {
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: amountTip },
      scales: { y: { ticks: { callback: (v) => compact.format(v) }, grid: { color: '#eef1f5' } }, x: { grid: { display: false } } },
    },
  });

  new Chart(document.getElementById('abc-chart'), {
    type: 'doughnut',
    data: { labels: data.abc.labels, datasets: [{ data: data.abc.amounts, backgroundColor: ['#2f9e6b', '#f2c14e', '#c83a2e'], borderWidth: 2 }] },
    options: {
      maintainAspectRatio: false,
      cutout: '62%',
      plugins: { legend: { position: 'right' }, tooltip: { callbacks: { label: (c) => `${c.label}: ${money.format(c.parsed)}` } } },
    },
  });

  window.creditflow.monthsChart(document.getElementById('months-chart'), data);
})();
