// The board's page: plain JavaScript, no build step. Everything a pane or a message holds is set with textContent,
// never as HTML. The view comes from /api/events (server-sent events); actions are POSTs with no confirm().
'use strict';

const roles = new Map();   // "team/role" -> its element
let screen = null;         // { team, role, element, timer }: the one screen being looked at
let teamCount = 1;         // how many teams the board shows: with several, a role's controls name its team

// A role's name in its controls' accessible names: "dev" with one team, "dev in alpha" when several teams are shown
// (two teams may both have a dev, and each control must have a name of its own).
function named(team, role) {
  return teamCount > 1 ? role + ' in ' + team : role;
}

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
  return { box, label, input, button: box.querySelector('button') };
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

// ---- roles ----

function roleElement(team, peer) {
  const article = make('article', { class: 'role', 'data-role': peer.role, 'data-team': team });
  const head = make('div', { class: 'role-head', title: 'Show or hide its screen' });
  head.append(make('h2', { class: 'name' }, peer.role), make('span', { class: 'state' }), make('span', { class: 'since' }));
  const facts = make('div', { class: 'facts' });
  const answerText = make('p', { class: 'answer' });
  const message = field('Message to ' + named(team, peer.role), 'Send to ' + named(team, peer.role), async (input, button) => {
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
  // As `session-bridge supervise ROLE --by person`; once the person supervises it, the same button stops.
  const supervise = make('button', { type: 'button', class: 'supervise' }, 'Supervise ' + named(team, peer.role));
  supervise.addEventListener('click', async () => {
    supervise.disabled = true;
    const stop = article.dataset.supervisor === 'person';
    const result = await post('/api/supervise', { team, role: peer.role, stop });
    supervise.disabled = false;
    status.textContent = result.ok
      ? (stop ? 'you no longer supervise ' : 'you supervise ') + peer.role
      : ((result.json && result.json.error) || 'failed: HTTP ' + result.status);
  });
  article.message = message;
  article.append(head, facts, answerText, message.box, supervise, status);
  // A click on the role (not on its message box, nor inside its screen) shows or hides its screen.
  article.addEventListener('click', e => {
    if (e.target.closest('.field, .outcome, .supervise, pre')) return;
    toggleScreen(team, peer.role, article);
  });
  return article;
}

function updateRole(article, team, peer) {
  const name = named(team, peer.role);
  article.message.label.textContent = 'Message to ' + name;
  article.message.button.textContent = 'Send to ' + name;
  article.dataset.state = peer.state;
  article.dataset.since = peer.stateSince;
  article.querySelector('.state').textContent = peer.state;
  article.querySelector('.since').textContent = peer.stateSource + ', ' + since(peer.stateSince);
  const facts = [];
  if (peer.supervisor) facts.push('supervised by ' + peer.supervisor);
  article.dataset.supervisor = peer.supervisor || '';
  article.querySelector('.supervise').textContent = (peer.supervisor === 'person' ? 'Stop supervising ' : 'Supervise ') + name;
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
  teamCount = teams.length;
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
      updateRole(article, team.team, peer);
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
