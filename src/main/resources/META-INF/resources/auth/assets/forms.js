'use strict';
// What the signup, reset and account pages share: JSON requests to this origin, an alert region that
// says what went wrong and marks the fields it is about, the password policy's rules under a password
// field, and the wording of limits and outages. Each page's own script uses it as GatehouseForms.
window.GatehouseForms = (function () {
  const UNREACHABLE = 'Cannot reach the server. Check your connection and try again.';
  const UNAVAILABLE = 'This is unavailable right now. Try again shortly.';
  // The rule ids of the password policy, as a 400's errors name them (PasswordPolicy.RULES).
  const POLICY_RULES = ['too_short', 'too_long', 'common', 'contains_username', 'contains_email'];

  // A request to this origin with the session cookie; the answer, with its JSON body when it has one.
  async function request(method, path, body) {
    const init = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let json = null;
    try { json = await response.json(); } catch (ignored) { /* no JSON body */ }
    return {
      status: response.status,
      ok: response.ok,
      json: json,
      retryAfter: response.headers.get('Retry-After')
    };
  }

  function postJson(path, body) {
    return request('POST', path, body);
  }

  function detailOf(answer, fallback) {
    return answer.json && typeof answer.json.detail === 'string' && answer.json.detail ? answer.json.detail : fallback;
  }

  function errorsOf(answer) {
    return answer.json && Array.isArray(answer.json.errors) ? answer.json.errors : [];
  }

  // The details of the password rules a 400 says were broken, in the policy's order.
  function brokenRules(answer) {
    return errorsOf(answer).filter(function (error) { return POLICY_RULES.indexOf(error.rule) >= 0; })
      .map(function (error) { return String(error.detail); });
  }

  // The detail of a 400's error about one field (its rule is the field's name), if there is one.
  function fieldError(answer, field) {
    const found = errorsOf(answer).filter(function (error) { return error.rule === field; })[0];
    return found ? String(found.detail) : null;
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

  // Rounded up, so that trying again then works.
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

  // Pasted codes may come with spaces or a dash in the middle; null unless six digits remain.
  function codeOf(value) {
    const digits = value.replace(/[\s-]/g, '');
    return /^[0-9]{6}$/.test(digits) ? digits : null;
  }

  /**
   * An alert region and the fields it can mark. A failure marks the fields it is about (aria-invalid,
   * described by the alert first); editing a field clears its mark. A password field may have a list
   * of the policy's rules under it (rulesId), shown when a password is refused.
   */
  function Messages(alert) {
    const fields = [];

    function track(field, rulesId) {
      field.dataset.describedby = field.getAttribute('aria-describedby') || '';
      field.dataset.rules = rulesId || '';
      field.addEventListener('input', function () { unmark(field); });
      fields.push(field);
    }

    function unmark(field) {
      field.removeAttribute('aria-invalid');
      if (field.dataset.describedby) {
        field.setAttribute('aria-describedby', field.dataset.describedby);
      } else {
        field.removeAttribute('aria-describedby');
      }
    }

    function showRules(field, rules) {
      const list = field.dataset.rules ? document.getElementById(field.dataset.rules) : null;
      if (!list) {
        return false;
      }
      list.textContent = '';
      rules.forEach(function (rule) {
        const item = document.createElement('li');
        item.textContent = rule;
        list.appendChild(item);
      });
      list.hidden = rules.length === 0;
      return rules.length > 0;
    }

    // Shows message; marks invalid (fields), and lists rules under the first of them when given.
    function fail(message, invalid, rules) {
      alert.textContent = message;
      alert.hidden = false;
      invalid = invalid || [];
      fields.forEach(function (field) {
        const listed = rules && invalid[0] === field && showRules(field, rules);
        if (!listed) {
          showRules(field, []);
        }
        if (invalid.indexOf(field) >= 0) {
          field.setAttribute('aria-invalid', 'true');
          const ids = [alert.id, listed ? field.dataset.rules : '', field.dataset.describedby];
          field.setAttribute('aria-describedby', ids.join(' ').replace(/\s+/g, ' ').trim());
        } else {
          unmark(field);
        }
      });
    }

    function clear() {
      alert.hidden = true;
      alert.textContent = '';
      fields.forEach(function (field) {
        showRules(field, []);
        unmark(field);
      });
    }

    return { track: track, fail: fail, clear: clear };
  }

  return {
    UNREACHABLE: UNREACHABLE,
    UNAVAILABLE: UNAVAILABLE,
    request: request,
    postJson: postJson,
    detailOf: detailOf,
    brokenRules: brokenRules,
    fieldError: fieldError,
    tryAgain: tryAgain,
    codeOf: codeOf,
    Messages: Messages
  };
}());
