// Chart.js settings and the charts more than one workspace page draws (after chart.umd.min.js and workspace.js).
(() => {
  const { locale } = window.creditflow;
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#4a5568';
  Chart.defaults.animation = false;

  // Invoiced and collected per month as bars, DSO as a line on its own axis; on a customer's page also its budgeted sales
  // and collection (dashed lines beside the bars they plan) and the cash it promised (points).
  window.creditflow.monthsChart = (canvas, data) => {
    const money = window.creditflow.money(data.currency);
    return new Chart(canvas, {
      data: {
        labels: data.months.labels.map(window.creditflow.month),
        datasets: [
          { type: 'bar', label: 'Invoiced', data: data.months.invoiced, backgroundColor: '#9db8d9', borderRadius: 3, yAxisID: 'amount' },
          { type: 'bar', label: 'Collected', data: data.months.collected, backgroundColor: '#1f3a5f', borderRadius: 3, yAxisID: 'amount' },
          { type: 'line', label: 'DSO (days)', data: data.months.dso, borderColor: '#e5603a', backgroundColor: '#e5603a', cubicInterpolationMode: 'monotone', spanGaps: true, yAxisID: 'days' },
          // The bad-debt trend, where anything was written off.
          ...(data.months.writtenOff ? [{ type: 'bar', label: 'Written off', data: data.months.writtenOff, backgroundColor: '#b42318', borderRadius: 3, yAxisID: 'amount' }] : []),
          ...(data.months.salesBudget ? [
            { type: 'line', label: 'Sales budget', data: data.months.salesBudget, borderColor: '#7f9cc4', backgroundColor: '#7f9cc4', borderDash: [6, 4], pointRadius: 2, spanGaps: true, yAxisID: 'amount' },
            { type: 'line', label: 'Collection budget', data: data.months.collectionBudget, borderColor: '#1f3a5f', backgroundColor: '#1f3a5f', borderDash: [6, 4], pointRadius: 2, spanGaps: true, yAxisID: 'amount' },
          ] : []),
          ...(data.months.promised ? [{ type: 'line', label: 'Cash promised', data: data.months.promised, borderColor: '#2f855a', backgroundColor: '#2f855a', showLine: false, pointRadius: 5, pointStyle: 'rectRot', yAxisID: 'amount' }] : []),
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
  };
  window.creditflow.compact = compact;
})();
