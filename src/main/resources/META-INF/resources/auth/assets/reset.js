'use strict';
// Resetting a forgotten password in two steps: the address goes to POST /auth/password/forgot, which
// mails a code if an account has it; the code and a new password go to POST /auth/password/reset. Then
// back to the login page, which says the password is changed, with ?rd= as it came.
(function () {
  const G = window.GatehouseForms;
  const rd = new URLSearchParams(window.location.search).get('rd');
  const status = document.getElementById('status');
  const messages = G.Messages(document.getElementById('error'));
  const forgotForm = document.getElementById('forgot-form');
  const requestButton = document.getElementById('request-code');
  const resetForm = document.getElementById('reset-form');
  const resetButton = document.getElementById('reset-password');
  const resendButton = document.getElementById('resend-code');
  const backButton = document.getElementById('code-back');
  const email = document.getElementById('email');
  const code = document.getElementById('code');
  const newPassword = document.getElementById('new-password');
  let address = null;

  messages.track(email);
  messages.track(code);
  messages.track(newPassword, 'new-password-rules');
  forgotForm.hidden = false;
  email.focus();

  const captcha = window.GatehouseCaptcha;

  function showResetStep(entering) {
    forgotForm.hidden = entering;
    resetForm.hidden = !entering;
  }

  function busy(on) {
    [requestButton, resetButton, resendButton, backButton].forEach(function (button) { button.disabled = on; });
  }

  // Asks for a code; true when the request is taken (the answer is the same whether or not an account has the address).
  async function requestCode(to, onInvalid) {
    // The widget sits on the first step; a new code needs a new answer from there.
    if (captcha.needed(forgotForm) && !captcha.answer(forgotForm)) {
      showResetStep(false);
      messages.fail(captcha.NEEDED, []);
      return false;
    }
    let answer;
    try {
      answer = await G.postJson('/auth/password/forgot', { email: to, captcha: captcha.answer(forgotForm) });
    } catch (networkError) {
      messages.fail(G.UNREACHABLE, []);
      return false;
    } finally {
      captcha.reset(forgotForm);
    }
    if (answer.ok) {
      return true;
    }
    if (captcha.isProblem(answer)) {
      showResetStep(false);
      messages.fail(captcha.REFUSED, []);
      return false;
    }
    if (answer.status === 400) {
      messages.fail('Enter a valid email address, such as name@example.com.', onInvalid);
    } else if (answer.status === 429) {
      messages.fail(G.tryAgain('Too many codes were asked for.', answer.retryAfter), []);
    } else if (answer.status === 503) {
      messages.fail(G.UNAVAILABLE, []);
    } else {
      messages.fail(G.detailOf(answer, 'The code could not be sent. Try again.'), []);
    }
    return false;
  }

  function sentTo(to, again) {
    status.textContent = (again ? 'A new code is on its way to ' + to + ', if an account has it.'
      : 'If an account has ' + to + ', a code to reset its password is on its way to it.')
      + ' Enter it below with your new password; it works once and for a few minutes.';
  }

  forgotForm.addEventListener('submit', async function (event) {
    event.preventDefault();
    messages.clear();
    status.textContent = '';
    const to = email.value.trim();
    if (!to) {
      messages.fail('Enter your email address.', [email]);
      email.focus();
      return;
    }
    busy(true);
    try {
      if (await requestCode(to, [email])) {
        address = to;
        code.value = '';
        newPassword.value = '';
        showResetStep(true);
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
    messages.clear();
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
    messages.clear();
    status.textContent = '';
    code.value = '';
    newPassword.value = '';
    showResetStep(false);
    email.focus();
  });

  function loginUrl() {
    const query = new URLSearchParams();
    if (rd) {
      query.set('rd', rd);
    }
    query.set('notice', 'password-reset');
    return '/login?' + query.toString();
  }

  resetForm.addEventListener('submit', async function (event) {
    event.preventDefault();
    messages.clear();
    const entered = G.codeOf(code.value);
    if (!entered) {
      messages.fail('Enter the 6-digit code from the email.', [code]);
      code.focus();
      return;
    }
    if (!newPassword.value) {
      messages.fail('Enter a new password.', [newPassword]);
      newPassword.focus();
      return;
    }
    busy(true);
    try {
      const answer = await G.postJson('/auth/password/reset',
        { email: address, code: entered, new_password: newPassword.value });
      if (answer.ok) {
        status.textContent = 'Your password is changed.';
        window.location.assign(loginUrl());
        return;
      }
      const rules = answer.status === 400 ? G.brokenRules(answer) : [];
      if (rules.length > 0) {
        messages.fail('This password cannot be used. Choose another one: see below the password field.', [newPassword], rules);
        newPassword.focus();
        return;
      }
      if (answer.status === 401 && answer.retryAfter || answer.status === 429) {
        messages.fail(G.tryAgain('Too many attempts.', answer.retryAfter), []);
      } else if (answer.status === 401) {
        messages.fail(G.detailOf(answer, 'Invalid or expired code.') + ' Check the newest email, or send a new code.', [code]);
      } else if (answer.status === 400 && G.fieldError(answer, 'email')) {
        messages.fail('Enter a valid email address, such as name@example.com.', []);
      } else if (answer.status === 400) {
        messages.fail('Enter the 6-digit code from the email.', [code]);
      } else if (answer.status === 503) {
        messages.fail(G.UNAVAILABLE, []);
      } else {
        messages.fail(G.detailOf(answer, 'The password could not be changed. Try again.'), []);
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
