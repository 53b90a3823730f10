'use strict';
// Signs in through POST /auth/session and goes where Gatehouse says is safe. Without this script the
// form posts itself to the same endpoint, and the page comes back saying why a sign-in failed.
(function () {
  const form = document.getElementById('login-form');
  const error = document.getElementById('error');
  const submit = document.getElementById('submit');
  const fields = [form.username, form.password];

  // A failed sign-in marks the fields it is about; editing a field clears its mark.
  function markInvalid(invalid) {
    fields.forEach(function (field) {
      if (invalid.indexOf(field) >= 0) {
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', 'error');
      } else {
        clearInvalid(field);
      }
    });
  }

  function clearInvalid(field) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }

  function showError(message, invalid) {
    error.textContent = message;
    error.hidden = false;
    markInvalid(invalid || []);
  }

  fields.forEach(function (field) {
    field.addEventListener('input', function () { clearInvalid(field); });
  });

  // Retry-After is a number of seconds or an HTTP date.
  function secondsUntilRetry(value) {
    if (!value) {
      return null;
    }
    if (/^\s*\d+\s*$/.test(value)) {
      return parseInt(value, 10);
    }
    const date = Date.parse(value);
    return isNaN(date) ? null : Math.ceil((date - Date.now()) / 1000);
  }

  // Rounded up, so that trying again then works; the login page says the same without this script.
  function duration(seconds) {
    function plural(count, unit) { return count + ' ' + unit + (count === 1 ? '' : 's'); }
    if (seconds < 60) {
      return plural(Math.max(1, seconds), 'second');
    }
    const minutes = Math.ceil(seconds / 60);
    return minutes < 120 ? plural(minutes, 'minute') : plural(Math.ceil(minutes / 60), 'hour');
  }

  function tooManyAttempts(retryAfter) {
    const seconds = secondsUntilRetry(retryAfter);
    return seconds === null || seconds <= 0 ? 'Too many attempts. Try again later.'
      : 'Too many attempts. Try again in ' + duration(seconds) + '.';
  }

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    error.hidden = true;
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      const missing = fields.filter(function (field) { return field === form.username ? !username : !password; });
      showError('Enter your username and password.', missing);
      missing[0].focus();
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
      const retryAfter = response.headers.get('Retry-After');
      if (response.status === 401 && retryAfter) {
        showError(tooManyAttempts(retryAfter), []);
      } else if (response.status === 503) {
        showError('Sign-in is unavailable right now. Try again shortly.', []);
      } else {
        showError(detail, response.status === 401 || response.status === 400 ? fields : []);
      }
      form.password.value = '';
      form.password.focus();
    } catch (networkError) {
      showError('Cannot reach the server. Check your connection and try again.', []);
    } finally {
      submit.disabled = false;
    }
  });
}());
