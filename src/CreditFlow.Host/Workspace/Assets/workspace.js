// Every workspace page: amounts and dates in the reader's locale. The server writes readable invariant text;
// this only rewrites it, so a page without script still reads right.
(() => {
  const locale = navigator.language || 'en';
  const formats = new Map();
  // Whole units for a total (data-whole) or an amount without cents; otherwise the currency's own minor digits.
  const money = (currency, whole) => {
    const key = `${currency}|${whole}`;
    if (!formats.has(key)) {
      formats.set(key, new Intl.NumberFormat(locale, whole ? { style: 'currency', currency, maximumFractionDigits: 0 } : { style: 'currency', currency }));
    }
    return formats.get(key);
  };
  for (const el of document.querySelectorAll('[data-money][data-currency]')) {
    const value = Number(el.dataset.money);
    el.textContent = money(el.dataset.currency, 'whole' in el.dataset || Number.isInteger(value)).format(value);
  }
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  for (const el of document.querySelectorAll('[data-percent]')) {
    el.textContent = percent.format(Number(el.dataset.percent));
  }
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  for (const el of document.querySelectorAll('[data-decimal]')) {
    el.textContent = decimal.format(Number(el.dataset.decimal));
  }
  // Meters: their fill is set here, as the pages' policy allows no inline style.
  for (const el of document.querySelectorAll('[data-share]')) {
    el.style.width = `${Number(el.dataset.share)}%`;
  }
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' });
  // A moment (held at, imported at) in the reader's own time zone.
  const moment = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  for (const el of document.querySelectorAll('time[datetime]')) {
    const value = el.getAttribute('datetime');
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      el.textContent = day.format(new Date(value + 'T00:00:00'));
    } else if (/^\d{4}-\d{2}$/.test(value)) {
      el.textContent = month.format(new Date(value + '-01T00:00:00'));
    } else if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
      el.title = value;
      el.textContent = moment.format(new Date(value));
    }
  }
  // A moment told in a title (a cell showing "3 d ago"): the same, on hover.
  for (const el of document.querySelectorAll('[data-at]')) {
    el.title = moment.format(new Date(el.dataset.at));
  }
  // Tables marked sortable sort by a click on a heading, largest first (amounts are what people look for), again
  // for the other way; cells carry the value to sort by in data-sort. They load in the server's order.
  if (window.Tablesort) {
    for (const table of document.querySelectorAll('table.sortable')) {
      new Tablesort(table, { descending: true });
    }
  }
  window.creditflow = { locale, money, month: (iso) => month.format(new Date(iso + '-01T00:00:00')) };
})();
