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

  // The credit book: limits and exposure per credit class (the high-risk ones in red), and per industry and per region the
  // high-risk part of the exposure apart from the rest.
  if (data.book) {
    const classes = data.book.classes;
    new Chart(document.getElementById('book-class-chart'), {
      type: 'bar',
      data: {
        labels: classes.labels,
        datasets: [
          { label: 'Limits granted', data: classes.limits, backgroundColor: '#c9d6e8', borderRadius: 3 },
          { label: 'Exposure', data: classes.exposure, backgroundColor: classes.highRisk.map((high) => (high ? '#c83a2e' : '#1f3a5f')), borderRadius: 3 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'top', align: 'end' }, tooltip: amountTip },
        scales: { y: { ticks: { callback: (v) => compact.format(v) }, grid: { color: '#eef1f5' } }, x: { grid: { display: false } } },
      },
    });

    const whereTheRiskIs = (canvas, slices) => {
      if (!canvas) {
        return;
      }
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: slices.labels,
          datasets: [
            { label: 'High-risk exposure', data: slices.highRisk, backgroundColor: '#c83a2e', borderRadius: 3 },
            { label: 'Other exposure', data: slices.rest, backgroundColor: '#9db8d9', borderRadius: 3 },
          ],
        },
        options: {
          indexAxis: 'y',
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          plugins: { legend: { position: 'top', align: 'end' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money.format(c.parsed.x)}` } } },
          scales: { x: { stacked: true, ticks: { callback: (v) => compact.format(v) }, grid: { color: '#eef1f5' } }, y: { stacked: true, grid: { display: false } } },
        },
      });
    };
    whereTheRiskIs(document.getElementById('book-industry-chart'), data.book.industries);
    whereTheRiskIs(document.getElementById('book-region-chart'), data.book.regions);
  }

  window.creditflow.monthsChart(document.getElementById('months-chart'), data);

  // The receivable budget: budgeted against invoiced sales as bars, budgeted against actual receivables as lines.
  const budget = document.getElementById('budget-chart');
  if (budget && data.budget) {
    new Chart(budget, {
      data: {
        labels: data.budget.labels.map(window.creditflow.month),
        datasets: [
          { type: 'bar', label: 'Sales budget', data: data.budget.sales, backgroundColor: '#c9d6e8', borderRadius: 3 },
          { type: 'bar', label: 'Invoiced', data: data.budget.invoiced, backgroundColor: '#2f6fb0', borderRadius: 3 },
          { type: 'line', label: 'Receivables budget', data: data.budget.owed, borderColor: '#8a93a3', borderDash: [6, 4], backgroundColor: '#8a93a3', pointRadius: 2 },
          { type: 'line', label: 'Receivables', data: data.budget.actualOwed, borderColor: '#e5603a', backgroundColor: '#e5603a', spanGaps: false },
        ],
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'top', align: 'end' }, tooltip: amountTip },
        scales: { y: { ticks: { callback: (v) => compact.format(v) }, grid: { color: '#eef1f5' } }, x: { grid: { display: false } } },
      },
    });
  }
})();
