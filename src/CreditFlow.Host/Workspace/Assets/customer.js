// The customer page's month-by-month chart (after charts.js).
(() => {
  const data = JSON.parse(document.getElementById('customer-data').textContent);
  window.creditflow.monthsChart(document.getElementById('months-chart'), data);
})();
