// The board's page, its pending requests: one card each, with the exact input and one button per option. Loaded
// before app.js, whose helpers (make, field, post, notice) it uses.
'use strict';

const cards = new Map();   // request id -> its element

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
