'use strict';
// The CAPTCHA widget of every page that has one (login, signup, password reset). Where a form must
// carry an answer it holds a <div class="captcha">; the provider's script (loaded after this one,
// render=explicit) calls gatehouseCaptchaReady, which renders a widget into each. reCAPTCHA, hCaptcha
// and Turnstile share render(), getResponse() and reset(). An answer works once, so a widget starts
// over after every attempt that did not move on. Pages use it as GatehouseCaptcha.
window.GatehouseCaptcha = (function () {
  const APIS = ['grecaptcha', 'hcaptcha', 'turnstile'];
  const widgets = new Map();

  window.gatehouseCaptchaReady = function () {
    document.querySelectorAll('.captcha[data-captcha-sitekey]').forEach(function (container) {
      const name = container.dataset.captchaApi;
      const api = APIS.indexOf(name) >= 0 ? window[name] : null;
      if (api && typeof api.render === 'function' && !widgets.has(container.closest('form'))) {
        const id = api.render(container, { sitekey: container.dataset.captchaSitekey });
        widgets.set(container.closest('form'), { api: api, id: id });
      }
    });
  };

  return {
    NEEDED: 'Complete the check that you are a person first.',
    REFUSED: 'The check that you are a person did not succeed. Complete it again.',

    needed: function (form) {
      return form.querySelector('.captcha[data-captcha-sitekey]') !== null;
    },

    // The answer of the form's widget; undefined (left out of the JSON) when there is none yet.
    answer: function (form) {
      const widget = widgets.get(form);
      const answer = widget ? widget.api.getResponse(widget.id) : '';
      return answer || undefined;
    },

    reset: function (form) {
      const widget = widgets.get(form);
      if (widget) {
        try { widget.api.reset(widget.id); } catch (ignored) { /* the widget is gone; nothing to reset */ }
      }
    },

    // A 400 about the CAPTCHA names it in its problem's errors (rules captcha-missing, captcha-refused).
    isProblem: function (answer) {
      return answer.status === 400 && !!answer.json && Array.isArray(answer.json.errors)
        && answer.json.errors.some(function (e) { return e && typeof e.rule === 'string' && e.rule.indexOf('captcha') === 0; });
    }
  };
})();
