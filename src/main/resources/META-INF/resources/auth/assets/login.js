'use strict';
// Signs in through POST /auth/session and goes where Gatehouse says is safe.
(function () {
  const form = document.getElementById('login-form');
  const error = document.getElementById('error');
  const submit = document.getElementById('submit');

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    error.hidden = true;
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      showError('Enter your username and password.');
      (username ? form.password : form.username).focus();
      return;
    }
    submit.disabled = true;
    try {
      const rd = new URLSearchParams(window.location.search).get('rd');
      const response = await fetch('/auth/session', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify({ username: username, password: password, rd: rd })
      });
      if (response.ok) {
        const body = await response.json();
        window.location.assign(body.redirect || '/');
        return;
      }
      let detail = 'Sign-in failed. Try again.';
      try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not JSON */ }
      showError(response.status === 503 ? 'Sign-in is unavailable right now. Try again shortly.' : detail);
      form.password.value = '';
      form.password.focus();
    } catch (networkError) {
      showError('Cannot reach the server. Check your connection and try again.');
    } finally {
      submit.disabled = false;
    }
  });
}());
