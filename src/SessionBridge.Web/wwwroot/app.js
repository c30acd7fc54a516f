// The board's page: plain JavaScript, no build step. Everything a pane or a message holds is set with textContent,
// never as HTML. The view comes from /api/events (server-sent events); actions are POSTs with no confirm().
'use strict';

const roles = new Map();   // "team/role" -> its element
const cards = new Map();   // request id -> its element
let screen = null;         // { team, role, element, timer }: the one screen being looked at

function make(tag, attributes, text) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, value);
  if (text !== undefined && text !== null) element.textContent = String(text);
  return element;
}

let ids = 0;
function field(labelText, buttonText, onSubmit) {
  const id = 'f' + (++ids);
  const box = make('div', { class: 'field' });
  const label = make('label', { for: id }, labelText);
  const input = make('input', { id, type: 'text', autocomplete: 'off' });
  box.append(label, input);
  if (buttonText) {
    const button = make('button', { type: 'button' }, buttonText);
    button.addEventListener('click', () => onSubmit(input, button));
    input.addEventListener('keydown', e => { if (e.key === 'Enter') onSubmit(input, button); });
    box.append(button);
  }
  return { box, input };
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin',
  });
  let json = null;
  try { json = await response.json(); } catch { /* not JSON: say the status */ }
  return { ok: response.ok, status: response.status, json };
}

function since(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return seconds + 's';
  if (seconds < 3600) return Math.floor(seconds / 60) + 'm ' + (seconds % 60) + 's';
  return Math.floor(seconds / 3600) + 'h ' + Math.floor((seconds % 3600) / 60) + 'm';
}

// ---- requests ----

function exactInput(request) {
  const input = request.input;
  if (!input || typeof input !== 'object') return request.subject;
  if (request.tool === 'Bash' && typeof input.command === 'string')
    return input.command + (input.description ? '\n\n# ' + input.description : '');
  if (typeof input.file_path === 'string' && typeof input.old_string === 'string')
    return input.file_path + '\n--- before\n' + input.old_string + '\n+++ after\n' + (input.new_string ?? '');
  if (typeof input.file_path === 'string' && typeof input.content === 'string')
    return input.file_path + '\n' + input.content;
  return JSON.stringify(input, null, 2);
}

function description(request, questionIndex, label) {
  const question = request.input && Array.isArray(request.input.questions) ? request.input.questions[questionIndex] : null;
  const option = question && Array.isArray(question.options) ? question.options.find(o => o && o.label === label) : null;
  return option && typeof option.description === 'string' ? option.description : '';
}

async function answer(card, request, body) {
  const outcome = card.querySelector('.outcome');
  card.querySelectorAll('button').forEach(b => { b.disabled = true; });
  outcome.textContent = 'answering…';
  const result = await post('/api/respond', { team: request.team, role: request.role, request: request.id, ...body });
  if (result.ok || (result.json && result.json.status === 'stale')) {
    removeCard(request.id);
    if (!result.ok) notice(request.role + ': ' + (result.json.reason || 'the request had already ended'));
    return;
  }
  outcome.textContent = (result.json && (result.json.reason || result.json.error)) || ('failed: HTTP ' + result.status);
  card.querySelectorAll('button').forEach(b => { b.disabled = false; });
}

function requestCard(request) {
  const card = make('article', { class: 'request', 'data-request': request.id, 'data-role': request.role, 'data-team': request.team });
  card.append(make('h3', {}, request.role + ' asks: ' + request.tool));
  const reason = field('Reason');
  const questions = request.questions || [];
  if (questions.length > 0) {
    const chosen = questions.map(() => new Set());
    const several = questions.length > 1 || questions.some(q => q.multiSelect);
    questions.forEach((question, index) => {
      card.append(make('p', { class: 'question' }, (question.header ? question.header + ': ' : '') + question.question));
      const options = make('div', { class: 'options' });
      for (const label of question.options) {
        const row = make('div', { class: 'option' });
        const button = make('button', { type: 'button' }, label);
        if (several) {
          button.setAttribute('aria-pressed', 'false');
          button.addEventListener('click', () => {
            const on = button.getAttribute('aria-pressed') !== 'true';
            if (!question.multiSelect) {
              chosen[index].clear();
              options.querySelectorAll('button').forEach(b => b.setAttribute('aria-pressed', 'false'));
            }
            if (on) chosen[index].add(label); else chosen[index].delete(label);
            button.setAttribute('aria-pressed', String(on));
          });
        } else {
          button.addEventListener('click', () => answer(card, request, { option: label }));
        }
        row.append(button);
        const text = description(request, index, label);
        if (text) row.append(make('span', { class: 'description' }, text));
        options.append(row);
      }
      card.append(options);
    });
    if (several) {
      const send = make('button', { type: 'button' }, 'Send choices');
      send.addEventListener('click', () => answer(card, request, { options: chosen.flatMap(s => [...s]) }));
      card.append(send);
    }
    card.append(field('Your answer', 'Send answer', input => {
      if (input.value.trim()) answer(card, request, { text: input.value });
    }).box);
    card.append(reason.box);
    const decline = make('button', { type: 'button', class: 'no' }, 'Decline');
    decline.addEventListener('click', () => answer(card, request, { reason: reason.input.value.trim() || 'The person declined.' }));
    card.append(decline);
  } else {
    card.append(make('pre', { class: 'input' }, exactInput(request)));
    const options = make('div', { class: 'options' });
    for (const label of request.options) {
      const no = /^no/i.test(label);
      const button = make('button', { type: 'button', class: no ? 'no' : 'yes' }, label);
      button.addEventListener('click', () => {
        const body = { option: label };
        if (no && reason.input.value.trim()) body.reason = reason.input.value.trim();
        answer(card, request, body);
      });
      options.append(button);
    }
    card.append(options, reason.box);
  }
  card.append(make('p', { class: 'outcome', role: 'status' }));
  return card;
}

function removeCard(id) {
  const card = cards.get(id);
  if (card) card.remove();
  cards.delete(id);
}

function renderRequests(teams) {
  const section = document.getElementById('requests');
  const pending = new Set();
  for (const team of teams) {
    for (const request of team.requests || []) {
      pending.add(request.id);
      if (!cards.has(request.id)) {
        const card = requestCard(request);
        cards.set(request.id, card);
        section.append(card);
      }
    }
  }
  for (const id of [...cards.keys()]) if (!pending.has(id)) removeCard(id);
}

// ---- roles ----

function roleElement(team, peer) {
  const article = make('article', { class: 'role', 'data-role': peer.role, 'data-team': team });
  const head = make('div', { class: 'role-head', title: 'Show or hide its screen' });
  head.append(make('h2', { class: 'name' }, peer.role), make('span', { class: 'state' }), make('span', { class: 'since' }));
  const facts = make('div', { class: 'facts' });
  const answerText = make('p', { class: 'answer' });
  const message = field('Message to ' + peer.role, 'Send to ' + peer.role, async (input, button) => {
    const text = input.value;
    if (!text.trim()) return;
    button.disabled = true;
    const result = await post('/api/send', { team, to: peer.role, text });
    button.disabled = false;
    const sent = result.json && result.json.delivered;
    status.textContent = result.ok
      ? (sent ? 'sent (' + result.json.status + ')' : 'not delivered: ' + (result.json.reason || result.json.status))
      : ((result.json && result.json.error) || 'failed: HTTP ' + result.status);
    if (result.ok) input.value = '';
  });
  const status = make('p', { class: 'outcome', role: 'status' });
  article.append(head, facts, answerText, message.box, status);
  // A click on the role (not on its message box, nor inside its screen) shows or hides its screen.
  article.addEventListener('click', e => {
    if (e.target.closest('.field, .outcome, pre')) return;
    toggleScreen(team, peer.role, article);
  });
  return article;
}

function updateRole(article, peer) {
  article.dataset.state = peer.state;
  article.dataset.since = peer.stateSince;
  article.querySelector('.state').textContent = peer.state;
  article.querySelector('.since').textContent = peer.stateSource + ', ' + since(peer.stateSince);
  const facts = [];
  if (peer.supervisor) facts.push('supervised by ' + peer.supervisor);
  facts.push(peer.unread + ' unread', peer.held + ' held');
  if (peer.status !== 'alive') facts.push('pane ' + peer.status);
  if (peer.question) facts.push('asks: ' + peer.question);
  if (peer.problem) facts.push(peer.problem);
  article.querySelector('.facts').textContent = facts.join(' · ');
  article.querySelector('.answer').textContent = peer.lastAnswer || '';
}

function renderRoles(teams) {
  const section = document.getElementById('roles');
  const present = new Set();
  for (const team of teams) {
    for (const peer of team.peers) {
      const key = team.team + '/' + peer.role;
      present.add(key);
      let article = roles.get(key);
      if (!article) {
        article = roleElement(team.team, peer);
        roles.set(key, article);
        section.append(article);
      }
      updateRole(article, peer);
    }
  }
  for (const [key, article] of [...roles]) {
    if (present.has(key)) continue;
    if (screen && screen.element.parentNode === article) closeScreen();
    article.remove();
    roles.delete(key);
  }
}

// ---- the one screen a person looks at: read once a second while it is open ----

function closeScreen() {
  if (!screen) return;
  clearTimeout(screen.timer);
  screen.element.remove();
  screen = null;
}

function toggleScreen(team, role, article) {
  const same = screen && screen.team === team && screen.role === role;
  closeScreen();
  if (same) return;
  const element = make('pre', { class: 'screen', 'data-screen': role, 'aria-label': role + "'s screen" }, 'reading…');
  article.append(element);
  screen = { team, role, element, timer: 0 };
  readScreen(screen);
}

async function readScreen(current) {
  try {
    const response = await fetch('/api/screen?team=' + encodeURIComponent(current.team) + '&role=' + encodeURIComponent(current.role),
      { credentials: 'same-origin' });
    const json = await response.json();
    if (screen !== current) return;
    current.element.textContent = response.ok ? json.screen : (json.error || 'HTTP ' + response.status);
  } catch (e) {
    if (screen !== current) return;
    current.element.textContent = 'could not read the screen: ' + e;
  }
  if (screen === current) current.timer = setTimeout(() => readScreen(current), 1000);
}

// ---- the conversation ----

function renderRecent(teams) {
  const list = document.getElementById('recent');
  const items = teams.flatMap(t => t.recent || []).sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  list.replaceChildren(...items.map(m => {
    const item = make('li');
    const time = new Date(m.ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    item.append(make('span', { class: 'who' }, time + ' ' + m.from + ' → ' + m.to + ': '), document.createTextNode(m.text));
    return item;
  }));
}

// ---- live ----

function notice(text) {
  document.getElementById('link').textContent = text;
}

function render(view) {
  const teams = view.teams || [];
  document.getElementById('teams').textContent = teams.map(t => t.team).join(', ');
  renderRequests(teams);
  renderRoles(teams);
  renderRecent(teams);
  const problems = teams.flatMap(t => t.problems || []);
  notice(problems.length ? problems.join(' ') : 'live');
}

function connect() {
  const events = new EventSource('/api/events');
  events.addEventListener('board', e => render(JSON.parse(e.data)));
  events.addEventListener('error', () => notice('reconnecting…'));
}

setInterval(() => {
  for (const article of roles.values()) {
    if (article.dataset.since) article.querySelector('.since').textContent =
      article.querySelector('.since').textContent.replace(/[^,]*$/, ' ' + since(article.dataset.since));
  }
}, 1000);

connect();
