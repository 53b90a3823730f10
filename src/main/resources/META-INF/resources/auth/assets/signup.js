'use strict';
// Creating an account in two steps: address, name and password go to POST /auth/signup, which mails a
// code; the code goes to POST /auth/signup/verify, which activates the account. Then the browser signs
// in with the same address and password (POST /auth/session) and goes where Gatehouse says is safe.
(function () {
  const G = window.GatehouseForms;
  const rd = new URLSearchParams(window.location.search).get('rd');
  const status = document.getElementById('status');
  const messages = G.Messages(document.getElementById('error'));
  const form = document.getElementById('signup-form');
  const submit = document.getElementById('submit');
  const codeForm = document.getElementById('code-form');
  const verifyButton = document.getElementById('verify-code');
  const resendButton = document.getElementById('resend-code');
  const backButton = document.getElementById('code-back');
  const email = document.getElementById('email');
  const name = document.getElementById('name');
  const password = document.getElementById('password');
  const code = document.getElementById('code');
  // What the first step sent, for a new code and for signing in once the code holds.
  let pending = null;

  messages.track(email);
  messages.track(name);
  messages.track(password, 'password-rules');
  messages.track(code);
  form.hidden = false;
  email.focus();

  const captcha = window.GatehouseCaptcha;

  function showCodeStep(entering) {
    form.hidden = entering;
    codeForm.hidden = !entering;
  }

  function busy(on) {
    [submit, verifyButton, resendButton, backButton].forEach(function (button) { button.disabled = on; });
  }

  // Asks for a code; true when one is on its way. A refusal says why and marks the fields it is about.
  async function requestCode(fields) {
    // The widget sits on the first step; a new code needs a new answer from there.
    if (captcha.needed(form) && !captcha.answer(form)) {
      showCodeStep(false);
      messages.fail(captcha.NEEDED, []);
      return false;
    }
    let answer;
    try {
      answer = await G.postJson('/auth/signup', Object.assign({}, fields, { captcha: captcha.answer(form) }));
    } catch (networkError) {
      messages.fail(G.UNREACHABLE, []);
      return false;
    } finally {
      captcha.reset(form);
    }
    if (answer.ok) {
      return true;
    }
    if (captcha.isProblem(answer)) {
      showCodeStep(false);
      messages.fail(captcha.REFUSED, []);
      return false;
    }
    if (answer.status === 400) {
      const rules = G.brokenRules(answer);
      if (rules.length > 0) {
        messages.fail('This password cannot be used. Choose another one: see below the password field.', [password], rules);
      } else if (G.fieldError(answer, 'email')) {
        messages.fail(G.fieldError(answer, 'email').replace(/^email /, 'The email address '), [email]);
      } else if (G.fieldError(answer, 'name')) {
        messages.fail(G.fieldError(answer, 'name').replace(/^name /, 'The name '), [name]);
      } else {
        messages.fail(G.detailOf(answer, 'Check the fields and try again.'), [email, password]);
      }
    } else if (answer.status === 429) {
      messages.fail(G.tryAgain('Too many codes were asked for.', answer.retryAfter), []);
    } else if (answer.status === 404) {
      messages.fail('Signing up is not available here.', []);
    } else if (answer.status === 503) {
      messages.fail(G.UNAVAILABLE, []);
    } else {
      messages.fail(G.detailOf(answer, 'The code could not be sent. Try again.'), []);
    }
    return false;
  }

  function sentTo(address, again) {
    status.textContent = (again ? 'A new code is on its way to ' + address + '.'
      : 'If ' + address + ' can be used, a code is on its way to it.')
      + ' Enter it below to activate your account; it works once and for a few minutes.';
  }

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    messages.clear();
    status.textContent = '';
    const fields = { email: email.value.trim(), name: name.value.trim(), password: password.value };
    if (!fields.email || !fields.password) {
      const missing = [email, password].filter(function (field) {
        return field === email ? !fields.email : !fields.password;
      });
      messages.fail(missing.length === 2 ? 'Enter your email address and a password.'
        : missing[0] === email ? 'Enter your email address.' : 'Enter a password.', missing);
      missing[0].focus();
      return;
    }
    busy(true);
    try {
      if (await requestCode(fields)) {
        pending = fields;
        code.value = '';
        showCodeStep(true);
        sentTo(fields.email, false);
        code.focus();
      } else {
        const invalid = [email, name, password].filter(function (field) {
          return field.getAttribute('aria-invalid') === 'true';
        })[0];
        (invalid || email).focus();
      }
    } finally {
      busy(false);
    }
  });

  resendButton.addEventListener('click', async function () {
    messages.clear();
    busy(true);
    try {
      if (await requestCode(pending)) {
        code.value = '';
        sentTo(pending.email, true);
      }
      code.focus();
    } finally {
      busy(false);
    }
  });

  backButton.addEventListener('click', function () {
    messages.clear();
    status.textContent = '';
    code.value = '';
    showCodeStep(false);
    email.focus();
  });

  // The account is active: the same address and password sign this browser in.
  async function signIn() {
    const answer = await G.postJson('/auth/session', { username: pending.email, password: pending.password, rd: rd });
    if (answer.ok) {
      window.location.assign((answer.json && answer.json.redirect) || '/');
      return;
    }
    codeForm.hidden = true;
    messages.fail('Your account is active, but signing in failed. Sign in with your address and password.', []);
    document.getElementById('sign-in').focus();
  }

  codeForm.addEventListener('submit', async function (event) {
    event.preventDefault();
    messages.clear();
    const entered = G.codeOf(code.value);
    if (!entered) {
      messages.fail('Enter the 6-digit code from the email.', [code]);
      code.focus();
      return;
    }
    busy(true);
    try {
      const answer = await G.postJson('/auth/signup/verify', { email: pending.email, code: entered });
      if (answer.ok) {
        status.textContent = 'Your account is active. Signing you in…';
        await signIn();
        return;
      }
      if (answer.status === 401 && answer.retryAfter) {
        messages.fail(G.tryAgain('Too many attempts.', answer.retryAfter), []);
      } else if (answer.status === 429) {
        messages.fail(G.tryAgain('Too many attempts.', answer.retryAfter), []);
      } else if (answer.status === 401) {
        messages.fail(G.detailOf(answer, 'Invalid or expired code.') + ' Check the newest email, or send a new code.', [code]);
      } else if (answer.status === 400) {
        messages.fail('Enter the 6-digit code from the email.', [code]);
      } else if (answer.status === 503) {
        messages.fail(G.UNAVAILABLE, []);
      } else {
        messages.fail(G.detailOf(answer, 'The code could not be checked. Try again.'), []);
      }
      code.value = '';
      code.focus();
    } catch (networkError) {
      messages.fail(G.UNREACHABLE, []);
    } finally {
      busy(false);
    }
  });
}());
