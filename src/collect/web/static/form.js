/*
 * irready web form: loads the questionnaire and this respondent's saved answers, renders them with
 * SurveyJS (survey-core + survey-js-ui, served by the same server) and saves every change.
 * Plain browser JavaScript, no build step; the page's Content-Security-Policy allows only files
 * from this server, so this file is the page's whole script.
 */
(function () {
  'use strict';

  var token = window.location.pathname.split('/').pop();
  var api = '/api/r/' + encodeURIComponent(token);
  var statusEl = document.getElementById('save-status');
  var retryEl = document.getElementById('save-retry');
  var DEBOUNCE_MS = 300;

  function show(text, state) {
    statusEl.textContent = text;
    statusEl.setAttribute('data-state', state);
  }

  function timeOfDay(iso) {
    var d = iso ? new Date(iso) : new Date();
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  // The questionnaire carries irready's scoring metadata as custom properties; SurveyJS must know
  // them before it reads the JSON (the same list as src/questionnaire/properties.ts).
  function registerScoringProperties(Survey) {
    var s = Survey.Serializer;
    s.addProperty('survey', { name: 'questionnaireId' });
    s.addProperty('survey', { name: 'questionnaireVersion' });
    s.addProperty('question', { name: 'domain' });
    s.addProperty('question', { name: 'stages:string[]' });
    s.addProperty('question', { name: 'weight:number', default: 1 });
    s.addProperty('question', { name: 'references:string[]' });
    s.addProperty('question', { name: 'critical:boolean', default: false });
    s.addProperty('question', { name: 'action:text' });
    s.addProperty('question', { name: 'bands' });
    s.addProperty('question', { name: 'scoreTrue:number', default: 4 });
    s.addProperty('question', { name: 'scoreFalse:number', default: 0 });
    s.addProperty('itemvalue', { name: 'score:number' });
    s.addProperty('itemvalue', { name: 'weight:number', default: 1 });
  }

  /** Why the server refused a save, in one line. */
  function problemText(body, status) {
    if (body && Array.isArray(body.problems) && body.problems.length) {
      return body.problems
        .slice(0, 3)
        .map(function (p) { return (p.place ? p.place.replace(/^data\./, '') + ': ' : '') + p.message; })
        .join('; ');
    }
    if (body && body.error) return body.error;
    return 'the server answered ' + status;
  }

  function put(payload, keepalive) {
    return fetch(api, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
      cache: 'no-store',
      credentials: 'same-origin',
      keepalive: !!keepalive,
    }).then(function (res) {
      return res.json().then(
        function (body) { return { res: res, body: body }; },
        function () { return { res: res, body: null }; }
      );
    }).then(function (r) {
      if (!r.res.ok) throw new Error(problemText(r.body, r.res.status));
      return r.body;
    });
  }

  function start(info) {
    var Survey = window.Survey;
    registerScoringProperties(Survey);
    var survey = new Survey.Model(info.questionnaire);
    survey.completedHtml =
      '<h2>Thank you</h2><p>Your answers are complete and saved. You can close this page; ' +
      'opening your link again shows your answers, and you can still change them.</p>';
    survey.data = info.data || {};
    if (info.status === 'complete') document.getElementById('complete-note').hidden = false;
    if (info.updatedAt && info.status !== 'invited') show('Last saved at ' + timeOfDay(info.updatedAt) + '.', 'saved');

    // Saves run one at a time; changes made while one runs are sent by the next.
    var timer = null;
    var inFlight = null;
    var dirty = false;
    var completed = false;

    function saveNow() {
      if (timer) { clearTimeout(timer); timer = null; }
      if (inFlight) { dirty = true; return inFlight; }
      dirty = false;
      show('Saving\u2026', 'saving');
      retryEl.hidden = true;
      var payload = { data: survey.data };
      if (completed) payload.complete = true;
      inFlight = put(payload).then(
        function (body) {
          inFlight = null;
          if (dirty) return saveNow();
          show((body.status === 'complete' ? 'Complete. ' : '') + 'All changes saved at ' + timeOfDay(body.updatedAt) + '.', 'saved');
          return body;
        },
        function (err) {
          inFlight = null;
          show('Not saved: ' + err.message, 'error');
          retryEl.hidden = false;
          throw err;
        }
      );
      return inFlight;
    }

    function schedule() {
      if (timer) clearTimeout(timer);
      show('Unsaved changes\u2026', 'pending');
      timer = setTimeout(function () { saveNow().catch(function () {}); }, DEBOUNCE_MS);
    }

    retryEl.addEventListener('click', function () { saveNow().catch(function () {}); });
    survey.onValueChanged.add(schedule);
    survey.onComplete.add(function (_sender, options) {
      completed = true;
      options.showSaveInProgress('Saving your answers\u2026');
      var finish = function () {
        return saveNow().then(
          function () { options.showSaveSuccess('Your answers are saved.'); },
          function (err) { options.showSaveError('Your answers could not be saved: ' + err.message + '. Use "Try saving again" above.'); }
        );
      };
      // A save already running may not carry the last change: wait for it, then save once more.
      if (inFlight) inFlight.then(finish, finish);
      else finish();
    });
    // Leaving the page with a change not yet sent: send it now; keepalive lets it outlive the page.
    window.addEventListener('pagehide', function () {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      put(completed ? { data: survey.data, complete: true } : { data: survey.data }, true).catch(function () {});
    });

    var loading = document.getElementById('loading');
    if (loading) loading.remove();
    survey.render(document.getElementById('survey'));
    window.irreadySurvey = survey; // for people debugging in the console
  }

  fetch(api, { cache: 'no-store', credentials: 'same-origin' })
    .then(function (res) {
      if (!res.ok) throw new Error(res.status === 404 ? 'this link does not open a questionnaire' : 'the server answered ' + res.status);
      return res.json();
    })
    .then(start)
    .catch(function (err) {
      var loading = document.getElementById('loading');
      if (loading) loading.textContent = 'The questionnaire could not be loaded: ' + err.message + '.';
      show('Not loaded.', 'error');
    });
})();
