// The dashboard's charts, drawn with Chart.js from the figures in the page's data block.
(() => {
  const data = JSON.parse(document.getElementById('dashboard-data').textContent);
  const money = window.creditflow.money(data.currency);
  const compact = new Intl.NumberFormat(window.creditflow.locale, { notation: 'compact', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(window.creditflow.locale, { maximumFractionDigits: 1 });
  const ink = '#4a5568';
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = ink;
  Chart.defaults.animation = false;
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

  new Chart(document.getElementById('months-chart'), {
    data: {
      labels: data.months.labels.map(window.creditflow.month),
      datasets: [
        { type: 'bar', label: 'Invoiced', data: data.months.invoiced, backgroundColor: '#9db8d9', borderRadius: 3, yAxisID: 'amount' },
        { type: 'bar', label: 'Collected', data: data.months.collected, backgroundColor: '#1f3a5f', borderRadius: 3, yAxisID: 'amount' },
        { type: 'line', label: 'DSO (days)', data: data.months.dso, borderColor: '#e5603a', backgroundColor: '#e5603a', cubicInterpolationMode: 'monotone', spanGaps: true, yAxisID: 'days' },
      ],
    },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'top', align: 'end' },
        tooltip: { callbacks: { label: (c) => c.dataset.yAxisID === 'days' ? `DSO: ${decimal.format(c.parsed.y)} days` : `${c.dataset.label}: ${money.format(c.parsed.y)}` } },
      },
      scales: {
        amount: { position: 'left', ticks: { callback: (v) => compact.format(v) }, grid: { color: '#eef1f5' } },
        days: { position: 'right', grid: { display: false }, title: { display: true, text: 'days' } },
        x: { grid: { display: false } },
      },
    },
  });
})();
