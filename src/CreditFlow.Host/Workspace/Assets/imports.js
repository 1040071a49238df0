// The import pages: the upload shows how much of the file was sent, and an import's page follows its progress until
// every row is applied, then shows the final page. Without script both still work (a plain form post; reload).
(() => {
  const bindUpload = () => {
    const form = document.getElementById('upload');
    if (!form || !window.FormData || !window.XMLHttpRequest || !window.DOMParser) return;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const bar = document.getElementById('upload-progress');
      const state = document.getElementById('upload-state');
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      bar.hidden = false;
      state.textContent = 'Sending…';
      const request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      request.upload.addEventListener('load', () => { bar.removeAttribute('value'); state.textContent = 'Checking every row…'; });
      request.addEventListener('load', () => {
        // An accepted file redirects to its import's page; a refused one comes back as this page with its problems.
        if (request.status === 200 && request.responseURL && new URL(request.responseURL).pathname !== new URL(form.action).pathname) {
          location.assign(request.responseURL);
          return;
        }
        const page = new DOMParser().parseFromString(request.responseText, 'text/html').querySelector('main');
        if (page) {
          document.querySelector('main').replaceWith(page);
          bindUpload();
          document.getElementById('problems')?.scrollIntoView();
        } else {
          button.disabled = false;
          state.textContent = `The file could not be checked (${request.status}); try again.`;
        }
      });
      request.addEventListener('error', () => { button.disabled = false; state.textContent = 'The file could not be sent; try again.'; });
      request.send(new FormData(form));
    });
  };
  bindUpload();

  const progress = document.getElementById('import-progress');
  if (progress && progress.dataset.status !== 'Done') {
    const count = new Intl.NumberFormat();
    const poll = async () => {
      try {
        const response = await fetch(progress.dataset.progressUrl, { headers: { accept: 'application/json' } });
        if (response.ok) {
          const p = await response.json();
          progress.max = p.rows;
          progress.value = p.applied;
          document.getElementById('applied').textContent = `${count.format(p.applied)} of ${count.format(p.rows)}`;
          document.getElementById('already-there').textContent = count.format(p.alreadyThere);
          document.getElementById('refused').textContent = count.format(p.refused);
          document.getElementById('import-state').textContent = `${Math.floor((p.applied * 100) / Math.max(1, p.rows))}% — the page follows along.`;
          if (p.status === 'Done') { location.reload(); return; }
        }
      } catch { /* the next poll tries again */ }
      setTimeout(poll, 1000);
    };
    setTimeout(poll, 500);
  }
})();
