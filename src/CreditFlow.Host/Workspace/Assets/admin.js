// The admin monitor: forms marked data-confirm ask first and only then set confirm=yes (without script the server
// asks instead); a checkbox marked data-submit submits its form when ticked (the instance list's auto-refresh).
(() => {
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (e) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); return; }
      form.querySelector('input[name=confirm]').value = 'yes';
    });
  }
  for (const box of document.querySelectorAll('input[data-submit]')) {
    box.addEventListener('change', () => box.form.submit());
  }
})();
