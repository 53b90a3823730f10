'use strict';
// Signs in through POST /auth/session and goes where Gatehouse says is safe. Without this script the
// form posts itself to the same endpoint, and the page comes back saying why a sign-in failed.
// Where sign-in by a mailed code is on, the page also holds its forms (login-code.html), hidden until
// this script shows them: the address goes to POST /auth/otp/request, the code to POST /auth/otp/verify.
// Where a form must carry a CAPTCHA (captcha.js), the widget's answer goes along as "captcha".
(function () {
  const form = document.getElementById('login-form');
  const error = document.getElementById('error');
  // What the page said about an earlier step (a password just reset); gone with the next attempt.
  const notice = document.getElementById('notice');
  const submit = document.getElementById('submit');
  const fields = [form.username, form.password];
  const rd = new URLSearchParams(window.location.search).get('rd');

  // Every field that a failed step can mark, with the description it has of its own.
  const markable = [];
  function markableField(field) {
    field.dataset.describedby = field.getAttribute('aria-describedby') || '';
    field.addEventListener('input', function () { clearInvalid(field); });
    markable.push(field);
  }

  // A failed step marks the fields it is about; editing a field clears its mark.
  function markInvalid(invalid) {
    markable.forEach(function (field) {
      if (invalid.indexOf(field) >= 0) {
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', ('error ' + field.dataset.describedby).trim());
      } else {
        clearInvalid(field);
      }
    });
  }

  function clearInvalid(field) {
    field.removeAttribute('aria-invalid');
    if (field.dataset.describedby) {
      field.setAttribute('aria-describedby', field.dataset.describedby);
    } else {
      field.removeAttribute('aria-describedby');
    }
  }

  function showError(message, invalid) {
    error.textContent = message;
    error.hidden = false;
    markInvalid(invalid || []);
  }

  function hideError() {
    if (notice) {
      notice.hidden = true;
    }
    error.hidden = true;
    error.textContent = '';
    markInvalid([]);
  }

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

  function tryAgain(what, retryAfter) {
    const seconds = secondsUntilRetry(retryAfter);
    return seconds === null || seconds <= 0 ? what + ' Try again later.'
      : what + ' Try again in ' + duration(seconds) + '.';
  }

  function tooManyAttempts(retryAfter) {
    return tryAgain('Too many attempts.', retryAfter);
  }

  // A JSON request to this origin; the answer, with its problem detail when it is not a success.
  async function postJson(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    });
    let json = null;
    try { json = await response.json(); } catch (ignored) { /* no JSON body */ }
    return { status: response.status, ok: response.ok, json: json, retryAfter: response.headers.get('Retry-After') };
  }

  function detailOf(answer, fallback) {
    return answer.json && typeof answer.json.detail === 'string' && answer.json.detail ? answer.json.detail : fallback;
  }

  const UNREACHABLE = 'Cannot reach the server. Check your connection and try again.';
  const UNAVAILABLE = 'Sign-in is unavailable right now. Try again shortly.';

  // --- CAPTCHA (captcha.js) ------------------------------------------------------------------------
  const captcha = window.GatehouseCaptcha;

  fields.forEach(markableField);

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    hideError();
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      const missing = fields.filter(function (field) { return field === form.username ? !username : !password; });
      showError('Enter your username and password.', missing);
      missing[0].focus();
      return;
    }
    if (captcha.needed(form) && !captcha.answer(form)) {
      showError(captcha.NEEDED, []);
      return;
    }
    submit.disabled = true;
    try {
      const answer = await postJson('/auth/session',
        { username: username, password: password, rd: rd, captcha: captcha.answer(form) });
      if (answer.ok) {
        window.location.assign((answer.json && answer.json.redirect) || '/');
        return;
      }
      captcha.reset(form);
      if (captcha.isProblem(answer)) {
        showError(captcha.REFUSED, []);
        return;
      }
      if (answer.status === 401 && answer.retryAfter) {
        showError(tooManyAttempts(answer.retryAfter), []);
      } else if (answer.status === 503) {
        showError(UNAVAILABLE, []);
      } else {
        showError(detailOf(answer, 'Sign-in failed. Try again.'),
          answer.status === 401 || answer.status === 400 ? fields : []);
      }
      form.password.value = '';
      form.password.focus();
    } catch (networkError) {
      captcha.reset(form);
      showError(UNREACHABLE, []);
    } finally {
      submit.disabled = false;
    }
  });

  // --- Sign-in by a mailed code -------------------------------------------------------------------

  const codeSignin = document.getElementById('code-signin');
  if (!codeSignin) {
    return;
  }
  const divider = document.getElementById('code-divider');
  const status = document.getElementById('code-status');
  const requestForm = document.getElementById('code-request-form');
  const requestButton = document.getElementById('request-code');
  const codeForm = document.getElementById('code-form');
  const verifyButton = document.getElementById('verify-code');
  const resendButton = document.getElementById('resend-code');
  const backButton = document.getElementById('code-back');
  const email = requestForm.email;
  const code = codeForm.code;
  let address = null;

  markableField(email);
  markableField(code);
  codeSignin.hidden = false;

  // Two steps: the password form and the address form side by side, then the code form alone.
  function showCodeStep(entering) {
    form.hidden = entering;
    divider.hidden = entering;
    requestForm.hidden = entering;
    codeForm.hidden = !entering;
  }

  function busy(on) {
    [requestButton, verifyButton, resendButton, backButton].forEach(function (button) { button.disabled = on; });
  }

  // Asks for a code for the address; true when one is on its way (or the address may not sign in).
  async function requestCode(to, onInvalid) {
    if (captcha.needed(requestForm) && !captcha.answer(requestForm)) {
      showError(captcha.NEEDED, []);
      return false;
    }
    let answer;
    try {
      answer = await postJson('/auth/otp/request', { email: to, rd: rd, captcha: captcha.answer(requestForm) });
    } catch (networkError) {
      showError(UNREACHABLE, []);
      return false;
    } finally {
      // Spent either way: a further request needs a new answer.
      captcha.reset(requestForm);
    }
    if (answer.ok) {
      return true;
    }
    if (captcha.isProblem(answer)) {
      showError(captcha.REFUSED, []);
    } else if (answer.status === 429) {
      showError(tryAgain('Too many codes were asked for.', answer.retryAfter), []);
    } else if (answer.status === 400) {
      showError('Enter a valid email address, such as name@example.com.', onInvalid);
    } else if (answer.status === 404) {
      showError('Sign-in by email is not available here. Sign in with your password.', []);
    } else if (answer.status === 503) {
      showError(UNAVAILABLE, []);
    } else {
      showError(detailOf(answer, 'The code could not be sent. Try again.'), []);
    }
    return false;
  }

  function sentTo(to, again) {
    status.textContent = (again ? 'A new code is on its way to ' : 'If ') + to
      + (again ? ', if it may sign in.' : ' may sign in, a code is on its way to it.')
      + ' Enter it below; it works once and for a few minutes.';
  }

  requestForm.addEventListener('submit', async function (event) {
    event.preventDefault();
    hideError();
    status.textContent = '';
    const to = email.value.trim();
    if (!to) {
      showError('Enter your email address.', [email]);
      email.focus();
      return;
    }
    busy(true);
    try {
      if (await requestCode(to, [email])) {
        address = to;
        code.value = '';
        showCodeStep(true);
        sentTo(to, false);
        code.focus();
      } else {
        email.focus();
      }
    } finally {
      busy(false);
    }
  });

  resendButton.addEventListener('click', async function () {
    hideError();
    if (captcha.needed(requestForm)) {
      // A new code needs a new answer, and the widget is on the address step: go back there.
      email.value = address;
      code.value = '';
      showCodeStep(false);
      status.textContent = 'Complete the check, then ask for a new code.';
      requestButton.focus();
      return;
    }
    busy(true);
    try {
      if (await requestCode(address, [])) {
        code.value = '';
        sentTo(address, true);
      }
      code.focus();
    } finally {
      busy(false);
    }
  });

  backButton.addEventListener('click', function () {
    hideError();
    status.textContent = '';
    code.value = '';
    showCodeStep(false);
    form.username.focus();
  });

  codeForm.addEventListener('submit', async function (event) {
    event.preventDefault();
    hideError();
    // Pasted codes may come with spaces or a dash in the middle.
    const entered = code.value.replace(/[\s-]/g, '');
    if (!/^[0-9]{6}$/.test(entered)) {
      showError('Enter the 6-digit code from the email.', [code]);
      code.focus();
      return;
    }
    busy(true);
    try {
      const answer = await postJson('/auth/otp/verify', { email: address, code: entered, rd: rd });
      if (answer.ok) {
        window.location.assign((answer.json && answer.json.redirect) || '/');
        return;
      }
      if (answer.status === 401 && answer.retryAfter) {
        showError(tooManyAttempts(answer.retryAfter), []);
      } else if (answer.status === 429) {
        showError(tryAgain('Too many attempts.', answer.retryAfter), []);
      } else if (answer.status === 401) {
        showError(detailOf(answer, 'Invalid or expired code.') + ' Check the newest email, or send a new code.', [code]);
      } else if (answer.status === 400) {
        showError('Enter the 6-digit code from the email.', [code]);
      } else if (answer.status === 503) {
        showError(UNAVAILABLE, []);
      } else {
        showError(detailOf(answer, 'Sign-in failed. Try again.'), []);
      }
      code.value = '';
      code.focus();
    } catch (networkError) {
      showError(UNREACHABLE, []);
    } finally {
      busy(false);
    }
  });
}());
