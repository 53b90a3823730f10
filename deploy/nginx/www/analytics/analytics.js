// Example dashboard: shows who Gatehouse says is signed in and offers logout.
// A separate file (no inline script) so the page runs under a strict CSP.
'use strict';

(function () {
  const who = document.getElementById('who');
  const roles = document.getElementById('roles');
  const logout = document.getElementById('logout');

  async function showIdentity() {
    try {
      const res = await fetch('/auth/me', {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json' },
      });
      if (!res.ok) {
        who.textContent = res.status === 401 ? 'Not signed in' : 'Could not load your session';
        roles.textContent = '–';
        return;
      }
      const me = await res.json();
      who.textContent = 'Signed in as ' + me.username;
      const list = Array.isArray(me.roles) ? me.roles : [];
      roles.textContent = list.length ? list.join(', ') : 'none';
    } catch (e) {
      who.textContent = 'Could not load your session';
      roles.textContent = '–';
    }
  }

  logout.addEventListener('click', async function () {
    logout.disabled = true;
    try {
      await fetch('/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: '{}',
      });
    } finally {
      // Signed out, the gateway sends this request on to the login page.
      window.location.assign('/analytics/');
    }
  });

  showIdentity();
})();
