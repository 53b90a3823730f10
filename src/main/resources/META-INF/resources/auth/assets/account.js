'use strict';
// The account page: the person's sessions (GET /auth/sessions), ending another one
// (DELETE /auth/sessions/{id}), and changing the password (POST /auth/password/change). Should the
// session end meanwhile, every step leads to the login page, which brings the person back here.
(function () {
  const G = window.GatehouseForms;
  const SIGN_IN = '/login?rd=' + encodeURIComponent('/account');
  const sessionsHeading = document.getElementById('sessions-heading');
  const sessionsStatus = document.getElementById('sessions-status');
  const sessionsMessages = G.Messages(document.getElementById('sessions-error'));
  const list = document.getElementById('sessions');
  const passwordForm = document.getElementById('password-form');
  const passwordStatus = document.getElementById('password-status');
  const passwordMessages = G.Messages(document.getElementById('password-error'));
  const changeButton = document.getElementById('change-password');
  const currentPassword = document.getElementById('current-password');
  const newPassword = document.getElementById('new-password');

  passwordMessages.track(currentPassword);
  passwordMessages.track(newPassword, 'new-password-rules');
  passwordForm.hidden = false;

  // The session endpoints answer 401 only when nobody is signed in any more.
  function signedOut(answer) {
    if (answer.status === 401) {
      window.location.assign(SIGN_IN);
      return true;
    }
    return false;
  }

  // A password change's 401 is a wrong current password, or a session that ended: /auth/me tells which.
  async function stillSignedIn() {
    try {
      return (await G.request('GET', '/auth/me')).status !== 401;
    } catch (networkError) {
      return true;
    }
  }

  // "Chrome on Linux" from a User-Agent header; the header itself when neither is recognised.
  function browserName(userAgent) {
    if (!userAgent) {
      return 'Unknown browser';
    }
    const browsers = [[/Edg(e|A|iOS)?\//, 'Edge'], [/OPR\//, 'Opera'], [/Firefox\/|FxiOS\//, 'Firefox'],
      [/SamsungBrowser\//, 'Samsung Internet'], [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'], [/Safari\//, 'Safari']];
    const systems = [[/Windows/, 'Windows'], [/Android/, 'Android'], [/iPhone|iPad|iPod/, 'iOS'], [/CrOS/, 'ChromeOS'],
      [/Mac OS X|Macintosh/, 'macOS'], [/Linux/, 'Linux']];
    function find(table) {
      const found = table.filter(function (entry) { return entry[0].test(userAgent); })[0];
      return found ? found[1] : null;
    }
    const browser = find(browsers);
    const system = find(systems);
    if (!browser && !system) {
      return userAgent.length > 60 ? userAgent.slice(0, 57) + '…' : userAgent;
    }
    return (browser || 'A browser') + (system ? ' on ' + system : '');
  }

  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  function time(value) {
    const element = document.createElement('time');
    const date = value ? new Date(value) : null;
    if (date && !isNaN(date.getTime())) {
      element.dateTime = date.toISOString();
      element.textContent = dateFormat.format(date);
    } else {
      element.textContent = 'unknown';
    }
    return element;
  }

  function fact(facts, term, value) {
    const group = document.createElement('div');
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = term;
    if (typeof value === 'string') {
      dd.textContent = value;
    } else {
      dd.appendChild(value);
    }
    group.appendChild(dt);
    group.appendChild(dd);
    facts.appendChild(group);
  }

  function item(session, index) {
    const li = document.createElement('li');
    li.className = 'session';
    li.dataset.id = session.id;
    const title = document.createElement('p');
    title.className = 'session-title';
    title.id = 'session-title-' + index;
    const name = document.createElement('strong');
    name.textContent = browserName(session.user_agent);
    title.appendChild(name);
    if (session.current) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'This device';
      title.appendChild(document.createTextNode(' '));
      title.appendChild(badge);
      li.classList.add('current');
    }
    li.appendChild(title);
    const facts = document.createElement('dl');
    facts.className = 'facts';
    fact(facts, 'Address', session.client_address || 'unknown');
    fact(facts, 'Signed in', time(session.created));
    fact(facts, 'Last seen', time(session.last_seen));
    li.appendChild(facts);
    if (!session.current) {
      const end = document.createElement('button');
      end.type = 'button';
      end.className = 'secondary end-session';
      end.textContent = 'End this session';
      end.setAttribute('aria-describedby', title.id);
      end.addEventListener('click', function () { endSession(li, end, name.textContent); });
      li.appendChild(end);
    }
    return li;
  }

  async function loadSessions() {
    list.setAttribute('aria-busy', 'true');
    let answer;
    try {
      answer = await G.request('GET', '/auth/sessions');
    } catch (networkError) {
      sessionsMessages.fail(G.UNREACHABLE, []);
      return;
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
    if (signedOut(answer)) {
      return;
    }
    if (!answer.ok || !Array.isArray(answer.json)) {
      sessionsMessages.fail(answer.status === 503 ? G.UNAVAILABLE
        : G.detailOf(answer, 'Your sessions could not be listed. Reload the page to try again.'), []);
      return;
    }
    list.textContent = '';
    // This device first, then the others, newest first.
    const sessions = answer.json.slice().sort(function (a, b) {
      return (b.current - a.current) || String(b.created).localeCompare(String(a.created));
    });
    sessions.forEach(function (session, index) { list.appendChild(item(session, index)); });
  }

  async function endSession(li, button, what) {
    sessionsMessages.clear();
    sessionsStatus.textContent = '';
    button.disabled = true;
    let answer;
    try {
      answer = await G.request('DELETE', '/auth/sessions/' + encodeURIComponent(li.dataset.id));
    } catch (networkError) {
      sessionsMessages.fail(G.UNREACHABLE, []);
      button.disabled = false;
      button.focus();
      return;
    }
    if (signedOut(answer)) {
      return;
    }
    if (answer.ok || answer.status === 404) {
      li.remove();
      sessionsStatus.textContent = answer.ok ? 'The session on ' + what + ' is ended: that browser is signed out.'
        : 'That session had already ended.';
      sessionsHeading.focus();
      return;
    }
    sessionsMessages.fail(answer.status === 503 ? G.UNAVAILABLE
      : G.detailOf(answer, 'The session could not be ended. Try again.'), []);
    button.disabled = false;
    button.focus();
  }

  passwordForm.addEventListener('submit', async function (event) {
    event.preventDefault();
    passwordMessages.clear();
    passwordStatus.textContent = '';
    if (!currentPassword.value || !newPassword.value) {
      const missing = [currentPassword, newPassword].filter(function (field) { return !field.value; });
      passwordMessages.fail(missing.length === 2 ? 'Enter your current password and a new one.'
        : missing[0] === currentPassword ? 'Enter your current password.' : 'Enter a new password.', missing);
      missing[0].focus();
      return;
    }
    changeButton.disabled = true;
    try {
      const answer = await G.postJson('/auth/password/change',
        { current_password: currentPassword.value, new_password: newPassword.value });
      if (answer.status === 401 && !answer.retryAfter && !(await stillSignedIn())) {
        window.location.assign(SIGN_IN);
        return;
      }
      if (answer.ok) {
        currentPassword.value = '';
        newPassword.value = '';
        passwordStatus.textContent = 'Your password is changed. Your other sessions are signed out.';
        await loadSessions();
        return;
      }
      const rules = answer.status === 400 ? G.brokenRules(answer) : [];
      if (rules.length > 0) {
        passwordMessages.fail('This password cannot be used. Choose another one: see below the new password field.',
          [newPassword], rules);
        newPassword.focus();
      } else if (answer.status === 401 && answer.retryAfter) {
        passwordMessages.fail(G.tryAgain('Too many attempts.', answer.retryAfter), []);
      } else if (answer.status === 401) {
        passwordMessages.fail('The current password is not right.', [currentPassword]);
        currentPassword.value = '';
        currentPassword.focus();
      } else if (answer.status === 503) {
        passwordMessages.fail(G.UNAVAILABLE, []);
      } else {
        passwordMessages.fail(G.detailOf(answer, 'The password could not be changed. Try again.'), []);
      }
    } catch (networkError) {
      passwordMessages.fail(G.UNREACHABLE, []);
    } finally {
      changeButton.disabled = false;
    }
  });

  loadSessions();
}());
