// MCU.Hub dashboard: a page over the hub's JSON API (/v1/...), called with the signed-in API key (a machine key or a person's).
// Controls are shown by the permissions the session lists (the person's roles, own and acted for); the API decides anyway.
// Every number shown is the API's answer; nothing is computed from raw messages except sums of the API's own counts.
// Citizens' text is inserted as text nodes only (never as HTML).
'use strict';

(() => {
  const KEY = 'mcu-hub.apiKey';
  const OPEN_STATUSES = ['MESSAGE_STATUS_NEW', 'MESSAGE_STATUS_ROUTED', 'MESSAGE_STATUS_IN_PROGRESS', 'MESSAGE_STATUS_RETURNED', 'MESSAGE_STATUS_REOPENED'];
  const STATUS = {
    MESSAGE_STATUS_NEW: 'Новое (ручная сортировка)', MESSAGE_STATUS_ROUTED: 'Направлено получателю', MESSAGE_STATUS_IN_PROGRESS: 'В работе',
    MESSAGE_STATUS_ANSWERED: 'Дан ответ', MESSAGE_STATUS_CLOSED: 'Закрыто', MESSAGE_STATUS_RETURNED: 'Возвращено',
    MESSAGE_STATUS_REOPENED: 'Открыто повторно', MESSAGE_STATUS_REJECTED: 'Отклонено',
  };
  const KIND = {
    MESSAGE_KIND_MESSAGE: 'Сообщение', MESSAGE_KIND_APPEAL: 'Обращение (59-ФЗ)', MESSAGE_KIND_INCIDENT: 'Инцидент (соцсети)', MESSAGE_KIND_EMERGENCY_CALL: 'Вызов ЕДДС',
  };
  const DELIVERY = {
    DELIVERY_STATE_PENDING: ['ожидает отправки', 'warn'], DELIVERY_STATE_SENT: ['отправлено в канал', 'warn'],
    DELIVERY_STATE_ACKNOWLEDGED: ['канал подтвердил', 'ok'], DELIVERY_STATE_FAILED: ['не доставлено', 'bad'],
  };
  const CHANNEL = {
    pos: 'ПОС', 'incident-management': 'Инцидент Менеджмент', 'pay-attention': 'Обращаем внимание', 'gov-publics': 'Госпаблики',
    edds: 'ЕДДС', 'pos-mail': 'ПОС (почта)', api: 'API',
  };
  const SCOPE = { read: 'чтение', write: 'запись', admin: 'администрирование', region: 'региональный центр' };
  const REPORT_KIND = {
    REPORT_KIND_WEEKLY: 'Еженедельный аналитический', REPORT_KIND_MONTHLY: 'Ежемесячный о достигнутых значениях',
    REPORT_KIND_QUARTERLY: 'Ежеквартальный по показателям обработки', REPORT_KIND_ANNUAL: 'Ежегодный о целевых показателях',
  };
  const ACTION = {
    received: 'поступило', classified: 'классифицировано', routed: 'направлено', deadline: 'назначен срок ответа', answered: 'дан ответ',
    status: 'смена статуса', reassigned: 'переназначено', 'category-changed': 'смена категории', 'deadline-extended': 'срок продлён',
    escalated: 'эскалация', 'deadline-recalculated': 'срок пересчитан',
  };
  const FIELD = {
    block: 'блок', category: 'тема', territory: 'территория', recipients: 'получатели', status: 'статус', routed_by_rule: 'автоправило',
    fast_track: 'фаст-трек', automated_delivery: 'автоматизированная доставка', automated_control: 'автоматизированный контроль', rules: 'сработавшие правила',
    rule_set_version: 'версия набора автоправил', due_at: 'срок ответа', answer: 'ответ', deadline_policy: 'политика срока', escalations: 'эскалации',
  };
  const SHORT = {
    'fast-track-share': 'Фаст-трек', 'automated-delivery-share': 'Автоматизированная доставка', 'recipients-informing-share': 'Информирование в соцсетях',
    'pos-decisions-reported-share': 'Решения ПОС: информирование', 'roadmap-share': 'Дорожные карты', 'automated-control-share': 'Автоматизированный контроль',
  };
  const GROUP = { target: 'Целевые показатели (постановление № 1844)', operational: 'Операционные показатели' };
  const unit = (u) => u === 'процент' ? ' %' : u ? ' ' + u : '';
  const PALETTE = ['#1f5fa8', '#2e9d8f', '#e09f3e', '#9e2a2b', '#6a4c93', '#3a86ff', '#8ab17d', '#e76f51', '#577590', '#bc6c25'];

  const state = { session: null, config: null, directory: null, charts: [], map: null, period: null };

  // ---- DOM helpers -------------------------------------------------------------------------------------------------
  const $ = (id) => document.getElementById(id);
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'style') el.setAttribute('style', v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const num = (v, digits = 1) => v === null || v === undefined ? '—' : Number(v).toLocaleString('ru-RU', { maximumFractionDigits: digits });
  const dateTime = (v) => v ? new Date(v).toLocaleString('ru-RU', { timeZone: state.session?.timeZone || undefined, dateStyle: 'short', timeStyle: 'short' }) : '—';
  const channelName = (c) => CHANNEL[c] || c || '—';
  const recipientName = (c) => state.directory?.recipients.get(c) || c;
  const categoryName = (c) => state.directory?.categories.get(c)?.name || c || '—';
  const territoryName = (c) => state.directory?.territories.get(c)?.name || (c && c !== '-' ? c : 'не указана');
  // What the signed-in caller may do: the permissions the session lists (a person's roles, or what a key's scopes imply).
  const can = (permission) => (state.session?.permissions || []).includes(permission);

  // ---- API ---------------------------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }
  async function call(path, options = {}) {
    const key = sessionStorage.getItem(KEY);
    const headers = { accept: 'application/json', 'x-api-key': key || '' };
    if (options.body) headers['content-type'] = 'application/json';
    const response = await fetch(path, { method: options.method || 'GET', headers, body: options.body ? JSON.stringify(options.body) : undefined });
    if (response.status === 401 && !options.signingIn) { signOut('Ключ больше не принимается — войдите снова.'); throw new ApiError(401, 'нужен ключ API'); }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).message || text; } catch { /* not JSON */ }
      throw new ApiError(response.status, response.status === 403 ? 'недостаточно прав для этого действия' : message || ('HTTP ' + response.status));
    }
    return options.raw ? text : (text ? JSON.parse(text) : {});
  }
  const query = (params) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) v.forEach((x) => q.append(k, x)); else q.append(k, v);
    }
    const s = q.toString();
    return s ? '?' + s : '';
  };
  const periodQuery = () => ({ 'period.from': state.period.from, 'period.to': state.period.to });

  // A server-streaming call answers with JSON objects one after another; split them without assuming a separator.
  function splitJsonObjects(text) {
    const objects = [];
    let depth = 0, start = -1, inString = false, escaped = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (escaped) escaped = false; else if (ch === '\\') escaped = true; else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{') { if (depth++ === 0) start = i; }
      else if (ch === '}' && --depth === 0) objects.push(JSON.parse(text.slice(start, i + 1)));
    }
    return objects;
  }

  async function loadDirectory() {
    const [recipients, territories, categories] = await Promise.all([
      call('/v1/directory/recipients'), call('/v1/directory/territories'), call('/v1/directory/categories'),
    ]);
    state.directory = {
      recipients: new Map((recipients.recipients || []).map((r) => [r.code, r.name])),
      territories: new Map((territories.territories || []).map((t) => [t.code, t])),
      categories: new Map((categories.categories || []).map((c) => [c.code, c])),
    };
  }

  // ---- sign-in -----------------------------------------------------------------------------------------------------
  async function signIn(key) {
    sessionStorage.setItem(KEY, key);
    try {
      state.session = await call('/v1/session', { signingIn: true });
    } catch (e) {
      sessionStorage.removeItem(KEY);
      throw e.status === 401 ? new Error('Ключ не принят: проверьте его или обратитесь к администратору хаба.') : e;
    }
  }
  function signOut(reason) {
    sessionStorage.removeItem(KEY);
    state.session = null;
    $('app').hidden = true;
    $('signin').hidden = false;
    $('signin-error').hidden = !reason;
    $('signin-error').textContent = reason || '';
    $('api-key').value = '';
  }
  function showSession() {
    const s = state.session;
    $('session-name').textContent = s.fullName || s.name;
    $('session-roles').replaceChildren(...(s.roles || []).map((r) => h('div', { 'data-role': r.code }, r.name)));
    const acting = s.actingFor || [];
    $('session-acting').hidden = acting.length === 0;
    $('session-acting').textContent = acting.length ? 'и. о. ' + acting.map((p) => p.fullName || p.login).join(', ') : '';
    $('session-tenant').textContent = (s.tenant?.name || '') + (s.tenant?.oktmo ? ` (ОКТМО ${s.tenant.oktmo})` : '');
    const scopes = $('session-scopes');
    scopes.replaceChildren(...(s.scopes || []).map((x) => h('span', { class: 'scope', 'data-scope': x }, SCOPE[x] || x)));
    if ((s.visibleTenants || []).length > 1)
      scopes.append(h('span', { class: 'scope' }, 'муниципалитетов: ' + s.visibleTenants.length));
    $('masked-banner').hidden = !s.personalDataMasked;
    $('signin').hidden = true;
    $('app').hidden = false;
  }

  // ---- period ------------------------------------------------------------------------------------------------------
  const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  function today() { const [y, m, d] = state.session.today.split('-').map(Number); return new Date(y, m - 1, d); }
  function preset(name) {
    const t = today();
    const from = new Date(t);
    if (name === 'week') from.setDate(t.getDate() - 6);
    else if (name === 'month') from.setDate(1);
    else if (name === 'quarter') { from.setMonth(Math.floor(t.getMonth() / 3) * 3); from.setDate(1); }
    else if (name === 'year') { from.setMonth(0); from.setDate(1); }
    return { from: iso(from), to: iso(t) };
  }
  function setPeriod(p) {
    state.period = p;
    $('period-from').value = p.from;
    $('period-to').value = p.to;
  }

  // ---- charts and layout -------------------------------------------------------------------------------------------
  function destroyCharts() {
    state.charts.forEach((c) => c.destroy());
    state.charts = [];
    if (state.map) {
      try { state.map.remove(); } catch { /* a map that failed half-way has nothing more to release */ }
      state.map = null;
    }
  }
  function chart(canvas, config) {
    if (!window.Chart) return;
    state.charts.push(new window.Chart(canvas, config));
  }
  function card(title, ...content) { return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, ...content); }
  function tile(label, value, cls, testId) {
    return h('div', { class: 'tile ' + (cls || ''), 'data-testid': testId }, h('div', { class: 'value', 'data-value': value }, num(value, 0)), h('div', { class: 'label' }, label));
  }
  function failure(e) { return h('p', { class: 'error', role: 'alert' }, 'Не удалось загрузить: ' + e.message); }
  function deadlineBadge(m, now) {
    if (!m.dueAt) return h('span', { class: 'badge' }, 'без срока');
    const due = new Date(m.dueAt);
    const hours = (due - now) / 3.6e6;
    if (hours < 0 && OPEN_STATUSES.includes(m.status)) return h('span', { class: 'badge bad', 'data-deadline': 'overdue' }, 'просрочено на ' + num(-hours, 0) + ' ч');
    if (hours < (state.config?.nearDeadlineHours || 24) && OPEN_STATUSES.includes(m.status)) return h('span', { class: 'badge warn', 'data-deadline': 'near' }, 'срок через ' + num(hours, 0) + ' ч');
    return h('span', { class: 'badge' }, dateTime(m.dueAt));
  }
  const recipientsText = (m) => (m.recipients || []).map(recipientName).join(', ') || 'не назначен';

  function messageTable(messages, now, testId, compact) {
    if (!messages.length) return h('p', { class: 'empty', 'data-testid': testId + '-empty' }, 'Нет обращений и сообщений.');
    const columns = [
      ['Срок ответа', (m) => deadlineBadge(m, now)],
      compact ? null : ['Рег. дата', (m) => dateTime(m.registeredAt)],
      ['Канал', (m) => channelName(m.channel)],
      compact ? null : ['Вид', (m) => KIND[m.kind || 'MESSAGE_KIND_MESSAGE']],
      ['Текст', (m) => (m.text || '').length > 90 ? m.text.slice(0, 90) + '…' : m.text || ''],
      compact ? null : ['Блок / тема', (m) => categoryName(m.category || m.block)],
      ['Ответственный получатель', (m) => recipientsText(m), 'recipients'],
      compact ? null : ['Статус', (m) => STATUS[m.status] || m.status],
    ].filter(Boolean);
    return h('table', { 'data-testid': testId },
      h('thead', {}, h('tr', {}, columns.map(([title]) => h('th', {}, title)))),
      h('tbody', {}, messages.map((m) => h('tr', { class: 'clickable', 'data-message-id': m.id, onclick: () => { location.hash = '#/messages/' + encodeURIComponent(m.id); } },
        columns.map(([, value, cls]) => h('td', { class: cls }, value(m)))))));
  }

  // ---- pages -------------------------------------------------------------------------------------------------------
  async function overview(view) {
    const day = state.session.today;
    const now = new Date(state.session.now);
    const soon = new Date(now.getTime() + (state.config?.nearDeadlineHours || 24) * 3.6e6);
    const [inflow, kpis, due] = await Promise.all([
      call('/v1/analytics/kpis/inflow/breakdown' + query({ 'period.from': day, 'period.to': day, dimension: 'DIMENSION_CHANNEL' })),
      call('/v1/analytics/kpis' + query({ 'period.from': day, 'period.to': day, indicatorIds: ['inflow', 'overdue-now'] })),
      call('/v1/messages' + query({ statuses: OPEN_STATUSES, dueBefore: soon.toISOString(), pageSize: 200 })),
    ]);
    const rows = (inflow.rows || []).filter((r) => (r.value?.fact || 0) > 0).sort((a, b) => b.value.fact - a.value.fact);
    const total = (kpis.values || []).find((v) => v.indicator?.id === 'inflow')?.fact ?? 0;
    const overdueNow = (kpis.values || []).find((v) => v.indicator?.id === 'overdue-now')?.fact ?? 0;
    const dueMessages = (due.messages || []).sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt));
    const near = dueMessages.filter((m) => new Date(m.dueAt) >= now).length;

    const canvas = h('canvas', { 'aria-label': 'Поступление по каналам' });
    view.append(
      h('h1', {}, 'Сегодня, ' + new Date(state.session.now).toLocaleDateString('ru-RU', { timeZone: state.session.timeZone, day: 'numeric', month: 'long', year: 'numeric' })),
      h('div', { class: 'tiles' },
        tile('поступило сегодня', total, '', 'inflow-total'),
        tile('просрочено сейчас', overdueNow, overdueNow > 0 ? 'bad' : '', 'overdue-now'),
        tile('срок ответа истекает в ближайшие ' + num(state.config?.nearDeadlineHours || 24, 0) + ' ч', near, near > 0 ? 'warn' : '', 'near-deadline')),
      h('div', { class: 'grid overview' },
        card('Поступление сегодня по каналам',
          rows.length ? h('div', { class: 'chart-box' }, canvas) : h('p', { class: 'empty' }, 'Сегодня ничего не поступило.'),
          h('table', { 'data-testid': 'inflow-by-channel' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Канал'), h('th', { class: 'num' }, 'Поступило'))),
            h('tbody', {}, rows.map((r) => h('tr', { 'data-channel': r.key },
              h('td', {}, channelName(r.key) || r.name), h('td', { class: 'num count', 'data-value': r.value.fact }, num(r.value.fact, 0))))))),
        card('Просрочено и скоро срок ответа', messageTable(dueMessages, now, 'due-messages', true))));
    if (rows.length)
      chart(canvas, {
        type: 'bar',
        data: { labels: rows.map((r) => channelName(r.key) || r.name), datasets: [{ label: 'Поступило', data: rows.map((r) => r.value.fact), backgroundColor: PALETTE }] },
        options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      });
  }

  function progress(value) {
    if (value === null || value === undefined) return h('span', { class: 'muted' }, 'нет плана');
    const cls = value >= 100 ? 'ok' : value >= 70 ? 'warn' : 'bad';
    return h('span', {}, h('span', { class: 'progress ' + cls, title: num(value) + ' % плана' }, h('span', { style: `width:${Math.min(100, Math.max(0, value))}%` })), ' ', num(value, 0) + ' %');
  }
  async function kpi(view) {
    const data = await call('/v1/analytics/kpis' + query(periodQuery()));
    const values = data.values || [];
    const groups = new Map();
    for (const v of values) {
      const g = GROUP[v.indicator?.group] || v.indicator?.group || 'Прочие';
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(v);
    }
    view.append(h('h1', {}, 'Показатели за период'),
      h('p', { class: 'muted' }, `Счёт ${data.basis === 'closing' ? 'по дате закрытия' : 'по дате поступления'}. План — на год начала периода; «нет данных» — у доли нет знаменателя.`));
    const canvas = h('canvas', { 'aria-label': 'Факт и план целевых показателей' });
    const target = values.filter((v) => v.plan !== undefined && v.plan !== null);
    if (target.length) view.append(card('Целевые показатели: факт и план, %', h('div', { class: 'chart-box' }, canvas)));
    for (const [group, list] of groups) {
      view.append(card(group, h('table', { 'data-testid': 'kpi-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Показатель'), h('th', { class: 'num' }, 'Факт'), h('th', { class: 'num' }, 'План'), h('th', {}, 'Выполнение плана'), h('th', { class: 'num' }, 'Числитель / знаменатель'))),
        h('tbody', {}, list.map((v) => h('tr', { 'data-indicator': v.indicator.id, title: v.indicator.formula || '' },
          h('td', {}, v.indicator.name, v.note ? h('div', { class: 'hint' }, v.note) : null, v.error ? h('div', { class: 'error' }, v.error) : null),
          h('td', { class: 'num fact', 'data-value': v.fact ?? '' }, v.fact === undefined || v.fact === null ? 'нет данных' : num(v.fact) + unit(v.indicator.unit)),
          h('td', { class: 'num plan' }, v.plan === undefined || v.plan === null ? '—' : num(v.plan) + unit(v.indicator.unit)),
          h('td', { class: 'nowrap' }, progress(v.achievement)),
          h('td', { class: 'num muted' }, v.denominator ? `${num(v.numerator)} / ${num(v.denominator)}` : '—')))))));
    }
    if (target.length)
      chart(canvas, {
        type: 'bar',
        data: {
          labels: target.map((v) => SHORT[v.indicator.id] || v.indicator.name),
          datasets: [{ label: 'Факт', data: target.map((v) => v.fact ?? 0), backgroundColor: '#1f5fa8' }, { label: 'План', data: target.map((v) => v.plan), backgroundColor: '#c9d6e6' }],
        },
        options: { indexAxis: 'y', maintainAspectRatio: false, scales: { x: { beginAtZero: true, suggestedMax: 100 } } },
      });
  }

  async function ratings(view) {
    const data = await call('/v1/analytics/ratings' + query(periodQuery()));
    const list = data.ratings || [];
    const canvas = h('canvas', { 'aria-label': 'Баллы получателей' });
    view.append(h('h1', {}, 'Рейтинг ответственных получателей'),
      h('p', { class: 'muted' }, `Балл 0…100: полнота, своевременность, содержательность ответов и удовлетворённость. Место — при объёме от ${data.minimumVolume || 0} сообщений.`),
      list.length ? card('Баллы', h('div', { class: 'chart-box' }, canvas)) : null,
      card(null, list.length ? h('table', { 'data-testid': 'ratings-table' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Место'), h('th', {}, 'Получатель'), h('th', { class: 'num' }, 'Балл'), h('th', { class: 'num' }, 'Поступило'),
          h('th', { class: 'num' }, 'С ответом'), h('th', { class: 'num' }, 'В срок'), h('th', { class: 'num' }, 'Содержательных'), h('th', {}, 'Составляющие'))),
        h('tbody', {}, list.map((r) => h('tr', { 'data-recipient': r.recipient },
          h('td', { class: 'num' }, r.rank ? r.rank : '—'), h('td', {}, r.name || recipientName(r.recipient), r.note ? h('div', { class: 'hint' }, r.note) : null),
          h('td', { class: 'num score', 'data-value': r.score ?? '' }, num(r.score)), h('td', { class: 'num' }, r.received || 0), h('td', { class: 'num' }, r.answered || 0),
          h('td', { class: 'num' }, r.answeredOnTime || 0), h('td', { class: 'num' }, r.substantive || 0),
          h('td', { class: 'hint' }, (r.components || []).map((c) => `${c.name}: ${c.value === undefined || c.value === null ? '—' : num(c.value * (c.value <= 1 ? 100 : 1), 0) + ' %'}`).join('; '))))))
        : h('p', { class: 'empty' }, 'За период нет сообщений у получателей.')));
    if (list.length)
      chart(canvas, {
        type: 'bar',
        data: { labels: list.map((r) => r.name || r.recipient), datasets: [{ label: 'Балл', data: list.map((r) => r.score ?? 0), backgroundColor: list.map((r) => (r.score ?? 0) >= 70 ? '#2e7d32' : (r.score ?? 0) >= 40 ? '#e09f3e' : '#c62828') }] },
        options: { indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 100 } } },
      });
  }

  async function growth(view) {
    const data = await call('/v1/analytics/growth-alerts' + query(periodQuery()));
    const alerts = data.alerts || [];
    view.append(h('h1', {}, 'Рост обращений'),
      h('p', { class: 'muted' }, 'Темы, блоки и территории, поступление по которым аномально растёт против их собственной истории (те же дни недели восьми предыдущих недель).'));
    if (!alerts.length) { view.append(card(null, h('p', { class: 'empty', 'data-testid': 'no-alerts' }, 'За период аномального роста нет.'))); return; }
    for (const a of alerts) {
      const list = h('div', {}, h('p', { class: 'muted' }, 'Загрузка сообщений…'));
      view.append(h('section', { class: 'card alert-card', 'data-testid': 'growth-alert' },
        h('h2', {}, `${a.name || a.key} — ${num(a.observed, 0)} при ожидании ${num(a.expected)} (×${num(a.ratio)})`),
        (a.factors || []).length ? h('ul', {}, a.factors.map((f) => h('li', {}, f.description || `${f.dimension}: ${f.value}`))) : null,
        h('h3', {}, 'Сообщения'), list));
      const ids = (a.messageIds || []).slice(0, 20);
      Promise.all(ids.map((id) => call('/v1/messages/' + encodeURIComponent(id)).then((r) => r.message).catch(() => null)))
        .then((ms) => list.replaceChildren(messageTable(ms.filter(Boolean), new Date(state.session.now), 'alert-messages'),
          (a.messageIds || []).length > ids.length ? h('p', { class: 'hint' }, `и ещё ${a.messageIds.length - ids.length}`) : ''));
    }
  }

  async function map(view) {
    const [heat, messages] = await Promise.all([
      call('/v1/analytics/heat-map' + query({ ...periodQuery(), step: 'month', rows: 'block' })),
      listAll({ registeredFrom: new Date(state.period.from + 'T00:00:00').toISOString(), registeredTo: new Date(state.period.to + 'T23:59:59.999').toISOString() }, 1000),
    ]);
    const cells = heat.cells || [];
    const blocks = [...new Set(cells.map((c) => c.key))];
    const territories = [...new Set(cells.map((c) => c.territory))];
    const counts = new Map();
    for (const c of cells) counts.set(c.key + '|' + c.territory, (counts.get(c.key + '|' + c.territory) || 0) + (c.count || 0));
    const max = Math.max(1, ...counts.values());
    const heatTable = cells.length ? h('table', { class: 'heat', 'data-testid': 'heat-map' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Блок \\ территория'), territories.map((t) => h('th', { class: 'num' }, territoryName(t))), h('th', { class: 'num' }, 'Всего'))),
      h('tbody', {}, blocks.map((b) => {
        let sum = 0;
        return h('tr', { 'data-block': b }, h('td', {}, b === '-' ? 'без блока' : categoryName(b)),
          territories.map((t) => {
            const n = counts.get(b + '|' + t) || 0;
            sum += n;
            const a = n / max;
            return h('td', { class: 'cell', 'data-territory': t, 'data-value': n, style: `background: rgba(198, 40, 40, ${(0.08 + 0.8 * a).toFixed(2)}); color: ${a > 0.55 ? '#fff' : '#1d2633'}` }, n || '');
          }), h('td', { class: 'num' }, sum));
      }))) : h('p', { class: 'empty' }, 'За период нет сообщений.');
    const located = messages.filter((m) => m.coordinates && (m.coordinates.latitude || m.coordinates.longitude));
    const mapBox = h('div', { class: 'map', id: 'points-map', 'data-points': located.length });
    view.append(h('h1', {}, 'Тепловая карта и карта сообщений'),
      card('Отраслевой блок × территория', heatTable),
      card(`Сообщения с координатами: ${located.length} из ${messages.length}`, mapBox,
        state.config?.tileUrl ? null : h('p', { class: 'hint' }, 'Подложка карты не настроена (McuHub:Dashboard:TileUrl): точки показаны на фоне границ территорий.')));
    if (!window.L) return;
    try {
      drawMap(mapBox, located);
    } catch (e) {
      console.error(e);
      mapBox.replaceChildren(failure(e));
    }
  }

  function drawMap(mapBox, located) {
    const L = window.L;
    const m = L.map(mapBox, { attributionControl: !!state.config?.tileAttribution, maxZoom: state.config?.maxZoom || 18, zoomControl: false, zoomSnap: 0.25 });
    state.map = m;
    L.control.zoom({ zoomInTitle: 'Приблизить', zoomOutTitle: 'Отдалить' }).addTo(m);
    // The view is set before any layer is added: Leaflet's vector renderer needs a view to measure against.
    const layers = [];
    for (const t of state.directory?.territories.values() || []) {
      if (!t.geoJson) continue;
      try {
        layers.push(L.geoJSON(JSON.parse(t.geoJson), { style: { color: '#577590', weight: 1, fillOpacity: 0.05 } }).bindTooltip(t.name));
      } catch { /* a territory's outline that does not parse is left out */ }
    }
    for (const msg of located) {
      const overdue = msg.dueAt && new Date(msg.dueAt) < new Date(state.session.now) && OPEN_STATUSES.includes(msg.status);
      layers.push(L.circleMarker([msg.coordinates.latitude, msg.coordinates.longitude], { radius: 7, color: overdue ? '#c62828' : '#1f5fa8', fillOpacity: 0.7 })
        .bindTooltip(`${categoryName(msg.category || msg.block)}: ${(msg.text || '').slice(0, 60)}`)
        .on('click', () => { location.hash = '#/messages/' + encodeURIComponent(msg.id); }));
    }
    const bounds = L.latLngBounds([]);
    for (const layer of layers) bounds.extend(layer.getBounds ? layer.getBounds() : layer.getLatLng());
    if (bounds.isValid()) m.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
    else m.setView([61.5, 60], 3);
    if (state.config?.tileUrl) L.tileLayer(state.config.tileUrl, { attribution: state.config.tileAttribution || '', maxZoom: state.config.maxZoom || 18 }).addTo(m);
    layers.forEach((layer) => layer.addTo(m));
  }

  async function listAll(filter, limit) {
    const result = [];
    let token = '';
    do {
      const page = await call('/v1/messages' + query({ ...filter, pageSize: Math.min(500, limit - result.length), pageToken: token }));
      result.push(...(page.messages || []));
      token = page.nextPageToken || '';
    } while (token && result.length < limit);
    return result;
  }

  async function messages(view, params) {
    const filter = {
      statuses: params.get('status') ? params.get('status').split(',') : [], channel: params.get('channel') || '', category: params.get('category') || '',
      recipient: params.get('recipient') || '', from: params.get('from') || '', to: params.get('to') || '', due: params.get('due') || '',
    };
    const blocks = [...(state.directory?.categories.values() || [])].sort((a, b) => (a.parent ? 1 : 0) - (b.parent ? 1 : 0) || a.name.localeCompare(b.name, 'ru'));
    const channels = await call('/v1/analytics/kpis/inflow/breakdown' + query({ 'period.from': iso(new Date(today().getFullYear() - 1, today().getMonth(), today().getDate())), 'period.to': state.session.today, dimension: 'DIMENSION_CHANNEL' }))
      .then((r) => (r.rows || []).filter((x) => x.key).map((x) => x.key)).catch(() => []);
    const select = (name, label, options, value) => h('label', {}, label, h('select', { name, 'data-filter': name },
      h('option', { value: '' }, 'все'), options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
    const form = h('form', { class: 'filters', 'data-testid': 'message-filters' },
      select('status', 'Статус', [['open', 'все открытые'], ...Object.entries(STATUS)], filter.statuses.join(',') === OPEN_STATUSES.join(',') ? 'open' : filter.statuses[0] || ''),
      select('channel', 'Канал', channels.map((c) => [c, channelName(c)]), filter.channel),
      select('category', 'Блок или тема', blocks.map((c) => [c.code, (c.parent ? '— ' : '') + c.name]), filter.category),
      select('recipient', 'Ответственный получатель', [...(state.directory?.recipients || [])].map(([c, n]) => [c, n]), filter.recipient),
      select('due', 'Срок ответа', [['overdue', 'просрочено'], ['near', 'истекает в ближайшие ' + num(state.config?.nearDeadlineHours || 24, 0) + ' ч и просрочено']], filter.due),
      h('label', {}, 'Зарегистрировано с', h('input', { type: 'date', name: 'from', value: filter.from })),
      h('label', {}, 'по', h('input', { type: 'date', name: 'to', value: filter.to })),
      h('button', { type: 'submit' }, 'Применить'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { location.hash = '#/messages'; } }, 'Сбросить'));
    form.addEventListener('change', () => form.requestSubmit());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const q = new URLSearchParams();
      for (const [k, v] of data) if (v) q.set(k, k === 'status' && v === 'open' ? OPEN_STATUSES.join(',') : v);
      location.hash = '#/messages' + (q.toString() ? '?' + q : '');
    });

    const now = new Date(state.session.now);
    const request = {
      statuses: filter.statuses, channel: filter.channel, category: filter.category, recipient: filter.recipient,
      registeredFrom: filter.from ? new Date(filter.from + 'T00:00:00').toISOString() : '', registeredTo: filter.to ? new Date(filter.to + 'T23:59:59.999').toISOString() : '',
      dueBefore: filter.due === 'overdue' ? now.toISOString() : filter.due === 'near' ? new Date(now.getTime() + (state.config?.nearDeadlineHours || 24) * 3.6e6).toISOString() : '',
    };
    if (filter.due && !request.statuses.length) request.statuses = OPEN_STATUSES;
    const body = h('div', {});
    const counter = h('span', { class: 'muted', 'data-testid': 'message-count' });
    const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Показать ещё');
    const shown = [];
    let token = '';
    const load = async () => {
      const page = await call('/v1/messages' + query({ ...request, pageSize: 50, pageToken: token }));
      shown.push(...(page.messages || []));
      token = page.nextPageToken || '';
      body.replaceChildren(messageTable(shown, now, 'message-list'));
      counter.textContent = `Показано: ${shown.length}${token ? ' (есть ещё)' : ''}`;
      counter.dataset.value = shown.length;
      more.hidden = !token;
    };
    more.addEventListener('click', () => load().catch((e) => body.append(failure(e))));
    view.append(h('h1', {}, 'Обращения и сообщения'), card(null, form, h('div', { class: 'toolbar' }, counter), body, more));
    await load();
  }

  async function messageCard(view, id) {
    const data = await call('/v1/messages/' + encodeURIComponent(id));
    const m = data.message;
    const now = new Date(state.session.now);
    const author = m.author || {};
    const dl = (pairs) => h('dl', { class: 'kv' }, pairs.filter(Boolean).flatMap(([k, v, attrs]) => [h('dt', {}, k), h('dd', attrs || {}, v)]));
    view.append(
      h('p', {}, h('a', { href: '#/messages' }, '← к списку')),
      h('h1', { 'data-testid': 'message-card-title' }, `${KIND[m.kind || 'MESSAGE_KIND_MESSAGE']} № ${m.externalId || m.id}`),
      h('div', { class: 'grid' },
        card('Карточка', dl([
          ['Канал', channelName(m.channel)], ['Статус', STATUS[m.status] || m.status, { 'data-testid': 'message-status' }],
          ['Поступило', dateTime(m.receivedAt)], ['Зарегистрировано', dateTime(m.registeredAt)],
          ['Срок ответа', h('span', {}, dateTime(m.dueAt), ' ', m.dueAt ? deadlineBadge(m, now) : ''), { 'data-testid': 'message-due' }],
          ['Политика срока', m.deadlinePolicy || '—'],
          ['Ответственный получатель', recipientsText(m), { 'data-testid': 'message-recipients' }],
          ['Блок / тема', `${categoryName(m.block)}${m.category && m.category !== m.block ? ' / ' + categoryName(m.category) : ''}`],
          ['Территория', territoryName(m.territory)], ['Адрес', m.address || '—'],
          ['Направлено автоправилом', m.routedByRule ? `«${m.routedByRule}» (версия набора ${m.ruleSetVersion || '—'})` : 'нет (ручная сортировка)', { 'data-testid': 'message-rule' }],
          ['Признаки', [m.fastTrack ? 'фаст-трек' : null, m.automatedDelivery ? 'автоматизированная доставка' : null, m.automatedControl ? 'автоматизированный контроль' : null].filter(Boolean).join(', ') || '—'],
        ])),
        card('Заявитель', m.personalDataMasked ? h('p', { class: 'badge warn', 'data-testid': 'author-masked' }, 'Персональные данные скрыты (152-ФЗ)') : null,
          dl([['Имя', author.name || '—', { 'data-testid': 'author-name' }], ['Телефон', author.phone || '—', { 'data-testid': 'author-phone' }],
            ['Эл. почта', author.email || '—'], author.isOrganisation ? ['Организация', 'да'] : null]))),
      card('Текст', h('div', { class: 'message-text', 'data-testid': 'message-text' }, m.text || '')),
      card('Ответ', m.answer?.text
        ? [h('div', { class: 'answer-text', 'data-testid': 'message-answer' }, m.answer.text), h('p', { class: 'hint' }, `${m.answer.answeredBy || ''}, ${dateTime(m.answer.answeredAt)}`)]
        : h('p', { class: 'empty' }, 'Ответа ещё нет.'),
        can('answers.approve') && !m.answer?.text ? answerForm(m) : null),
      card('Доставка в канал', (data.deliveries || []).length ? h('table', { 'data-testid': 'deliveries' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Что'), h('th', {}, 'Состояние'), h('th', { class: 'num' }, 'Попыток'), h('th', {}, 'Изменено'), h('th', {}, 'Ошибка'))),
        h('tbody', {}, data.deliveries.map((d) => {
          const [text, cls] = DELIVERY[d.state] || [d.state, ''];
          return h('tr', {}, h('td', {}, d.kind === 'answer' ? 'ответ' : 'статус: ' + (d.status || '')), h('td', {}, h('span', { class: 'badge ' + cls }, text)),
            h('td', { class: 'num' }, d.attempts || 0), h('td', {}, dateTime(d.acknowledgedAt || d.changedAt)), h('td', { class: 'error' }, d.lastError || ''));
        }))) : h('p', { class: 'empty' }, 'В канал ничего не отправлялось.')),
      card('История', h('table', { 'data-testid': 'history' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Когда'), h('th', {}, 'Кто'), h('th', {}, 'Действие'), h('th', {}, 'Изменения'))),
        h('tbody', {}, (data.history || []).map((e) => h('tr', {},
          h('td', {}, dateTime(e.at)), h('td', {}, e.actor || ''), h('td', {}, ACTION[e.action] || e.action || '', e.comment ? h('div', { class: 'hint' }, e.comment) : null),
          h('td', {}, h('ul', { class: 'changes' }, (e.changes || []).map((c) => h('li', {}, `${FIELD[c.field] || c.field}: ${c.oldValue || '∅'} → ${c.newValue || '∅'}`))))))))));
  }

  function answerForm(m) {
    const text = h('textarea', { name: 'text', required: true, placeholder: 'Текст ответа заявителю' });
    const error = h('p', { class: 'error', hidden: true });
    return h('form', {
      'data-testid': 'answer-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await call(`/v1/messages/${encodeURIComponent(m.id)}/answer`, { method: 'POST', body: { text: text.value, answeredBy: state.session.fullName || state.session.name } });
          route();
        } catch (err) { error.hidden = false; error.textContent = err.message; }
      },
    }, h('h3', {}, 'Ответить'), text, h('div', { class: 'toolbar' }, h('button', { type: 'submit' }, 'Отправить ответ')), error);
  }

  async function reports(view) {
    const data = await call('/v1/reports' + query({ pageSize: 100 }));
    const list = data.reports || [];
    const status = h('p', { class: 'hint', 'data-testid': 'report-status' });
    view.append(h('h1', {}, 'Отчёты'),
      can('messages.write') ? card('Сформировать отчёт', generateForm(status), status) : null,
      card('Сформированные отчёты', list.length ? h('table', { 'data-testid': 'reports-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Отчёт'), h('th', {}, 'Период'), h('th', {}, 'Сформирован'), h('th', {}, 'Срок сдачи'), h('th', {}, 'Файлы'))),
        h('tbody', {}, list.map((r) => h('tr', { 'data-report-id': r.id },
          h('td', {}, r.title || REPORT_KIND[r.kind] || r.kind, h('div', { class: 'hint' }, r.trigger === 'schedule' ? 'по расписанию' : r.trigger || '')),
          h('td', {}, r.period), h('td', {}, dateTime(r.generatedAt)), h('td', {}, dateTime(r.dueAt)),
          h('td', {}, (r.files || []).map((f) => h('button', { type: 'button', class: 'secondary', 'data-format': f.format, style: 'margin-right:6px', onclick: (e) => download(r, f, e.currentTarget, status) },
            `${f.format.toUpperCase()} · ${num(f.length / 1024)} КБ`)))))))
        : h('p', { class: 'empty', 'data-testid': 'reports-empty' }, 'Отчётов ещё нет.')));
  }

  function generateForm(status) {
    const kind = h('select', { name: 'kind' }, Object.entries(REPORT_KIND).map(([v, t]) => h('option', { value: v }, t)));
    const t = today();
    const week = (() => { const d = new Date(Date.UTC(t.getFullYear(), t.getMonth(), t.getDate())); const day = d.getUTCDay() || 7; d.setUTCDate(d.getUTCDate() + 4 - day); const y = d.getUTCFullYear(); const w = Math.ceil(((d - Date.UTC(y, 0, 1)) / 864e5 + 1) / 7); return `${y}-W${String(w).padStart(2, '0')}`; })();
    const defaults = { REPORT_KIND_WEEKLY: week, REPORT_KIND_MONTHLY: state.session.today.slice(0, 7), REPORT_KIND_QUARTERLY: `${t.getFullYear()}-Q${Math.floor(t.getMonth() / 3) + 1}`, REPORT_KIND_ANNUAL: String(t.getFullYear()) };
    const period = h('input', { name: 'period', value: defaults.REPORT_KIND_WEEKLY, required: true, size: 10 });
    kind.addEventListener('change', () => { period.value = defaults[kind.value]; });
    return h('form', {
      class: 'filters',
      onsubmit: async (e) => {
        e.preventDefault();
        status.textContent = 'Формируется…';
        try {
          await call('/v1/reports', { method: 'POST', body: { kind: kind.value, period: period.value, formats: ['xlsx', 'html'] } });
          route();
        } catch (err) { status.textContent = 'Ошибка: ' + err.message; }
      },
    }, h('label', {}, 'Отчёт', kind), h('label', {}, 'Период (2026-W47, 2026-11, 2026-Q4, 2026)', period), h('button', { type: 'submit' }, 'Сформировать'));
  }

  async function download(report, file, button, status) {
    button.disabled = true;
    try {
      const text = await call(`/v1/reports/${encodeURIComponent(report.id)}/download` + query({ format: file.format }), { raw: true });
      const parts = splitJsonObjects(text).map((chunk) => Uint8Array.from(atob(chunk.data || ''), (c) => c.charCodeAt(0)));
      const blob = new Blob(parts, { type: file.contentType || 'application/octet-stream' });
      const a = h('a', { href: URL.createObjectURL(blob), download: file.fileName || `${report.id}.${file.format}` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    } catch (e) {
      status.textContent = 'Не удалось скачать: ' + e.message;
    } finally {
      button.disabled = false;
    }
  }

  // ---- people («Сотрудники») ---------------------------------------------------------------------------------------
  async function people(view) {
    const [data, roleData] = await Promise.all([call('/v1/accounts'), call('/v1/roles')]);
    const list = data.accounts || [];
    const roles = roleData.roles || [];
    const manage = can('accounts.manage');
    const byLogin = new Map(list.map((a) => [a.login, a]));
    const who = (login) => byLogin.get(login)?.fullName || login;
    const absenceText = (a) => (a.absences || []).filter((x) => x.current)
      .map((x) => `отсутствует до ${dateTime(x.to)}${x.reason ? ' (' + x.reason + ')' : ''}; и. о. — ${who(x.deputy)}`).join('; ');
    const scopeOf = (a) => [...(a.recipients || []).map(recipientName), ...(a.blocks || []).map(categoryName), ...(a.channels || []).map(channelName)].join(', ');
    const rows = list.map((a) => h('tr', { 'data-login': a.login, class: a.active === false ? 'muted' : null },
      h('td', {}, a.fullName, h('div', { class: 'hint' }, a.login + (a.position ? ' · ' + a.position : ''))),
      h('td', {}, (a.roleNames || []).join(', ')),
      h('td', {}, scopeOf(a) || '—'),
      h('td', { 'data-testid': 'absence' }, absenceText(a) || (a.actingFor?.length ? 'и. о. ' + a.actingFor.map(who).join(', ') : '—')),
      h('td', {}, a.active === false ? 'отключена' : 'активна',
        manage && a.active !== false ? h('div', {},
          h('button', { type: 'button', class: 'secondary', 'data-action': 'key', onclick: () => issueKey(a.login) }, 'Выдать ключ'), ' ',
          h('button', { type: 'button', class: 'secondary', 'data-action': 'deactivate', onclick: () => deactivate(a.login) }, 'Отключить')) : null)));
    const status = h('p', { class: 'hint', 'data-testid': 'people-status', role: 'status' });
    async function issueKey(login) {
      try {
        const issued = await call(`/v1/accounts/${encodeURIComponent(login)}/keys`, { method: 'POST', body: {} });
        status.replaceChildren('Ключ для ', h('b', {}, login), ' (показан один раз, передайте его сотруднику): ', h('code', { 'data-testid': 'issued-key' }, issued.key));
      } catch (e) { status.textContent = 'Ошибка: ' + e.message; }
    }
    async function deactivate(login) {
      try { await call(`/v1/accounts/${encodeURIComponent(login)}/deactivate`, { method: 'POST', body: {} }); route(); } catch (e) { status.textContent = 'Ошибка: ' + e.message; }
    }
    view.append(h('h1', {}, 'Сотрудники'),
      card('Учётные записи', list.length ? h('table', { 'data-testid': 'people-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Сотрудник'), h('th', {}, 'Роли'), h('th', {}, 'Получатели, блоки, каналы'), h('th', {}, 'Отсутствие'), h('th', {}, 'Состояние'))),
        h('tbody', {}, rows)) : h('p', { class: 'empty' }, 'Учётных записей ещё нет.'), status),
      manage ? card('Новый сотрудник', accountForm(roles, status)) : null,
      manage && list.length ? card('Отсутствие и исполняющий обязанности', absenceForm(list, status)) : null,
      card('Роли по положениям о МЦУ', h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Роль'), h('th', {}, 'Права'))),
        h('tbody', {}, roles.map((r) => h('tr', {}, h('td', {}, r.name), h('td', {}, (r.permissions || []).join(', '))))))));
  }

  const codes = (v) => v.split(',').map((x) => x.trim()).filter(Boolean);
  function accountForm(roles, status) {
    const login = h('input', { name: 'login', required: true, size: 12 });
    const fullName = h('input', { name: 'fullName', required: true, size: 28 });
    const position = h('input', { name: 'position', size: 20 });
    const role = h('select', { name: 'role', multiple: true, size: 4 }, roles.map((r) => h('option', { value: r.code }, r.name)));
    const recipients = h('input', { name: 'recipients', placeholder: 'коды через запятую', size: 16 });
    const blocks = h('input', { name: 'blocks', placeholder: 'коды через запятую', size: 16 });
    const channels = h('input', { name: 'channels', placeholder: 'pos, incident-management', size: 16 });
    return h('form', {
      class: 'filters', 'data-testid': 'account-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await call('/v1/accounts', { method: 'POST', body: {
            login: login.value.trim(), fullName: fullName.value, position: position.value,
            roles: [...role.selectedOptions].map((o) => o.value), recipients: codes(recipients.value), blocks: codes(blocks.value), channels: codes(channels.value),
          } });
          route();
        } catch (err) { status.textContent = 'Ошибка: ' + err.message; }
      },
    }, h('label', {}, 'Логин', login), h('label', {}, 'ФИО', fullName), h('label', {}, 'Должность', position), h('label', {}, 'Роли', role),
    h('label', {}, 'Получатели', recipients), h('label', {}, 'Блоки', blocks), h('label', {}, 'Каналы', channels), h('button', { type: 'submit' }, 'Создать'));
  }

  function absenceForm(accounts, status) {
    const active = accounts.filter((a) => a.active !== false);
    const options = () => active.map((a) => h('option', { value: a.login }, `${a.fullName} (${a.login})`));
    const who = h('select', { name: 'login' }, options());
    const deputy = h('select', { name: 'deputy' }, options());
    const from = h('input', { type: 'date', name: 'from', required: true, value: state.session.today });
    const to = h('input', { type: 'date', name: 'to', required: true });
    const reason = h('input', { name: 'reason', placeholder: 'отпуск, командировка…', size: 18 });
    // Dates are whole local days: from the start of the first to the end of the last.
    const instant = (d, end) => { const [y, m, day] = d.split('-').map(Number); return new Date(y, m - 1, day + (end ? 1 : 0)).toISOString(); };
    return h('form', {
      class: 'filters', 'data-testid': 'absence-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await call(`/v1/accounts/${encodeURIComponent(who.value)}/absences`, { method: 'POST', body: { from: instant(from.value, false), to: instant(to.value, true), deputy: deputy.value, reason: reason.value } });
          route();
        } catch (err) { status.textContent = 'Ошибка: ' + err.message; }
      },
    }, h('label', {}, 'Кто отсутствует', who), h('label', {}, 'С', from), h('label', {}, 'по', to), h('label', {}, 'Исполняет обязанности', deputy),
    h('label', {}, 'Причина', reason), h('button', { type: 'submit' }, 'Записать'));
  }

  // ---- routing -----------------------------------------------------------------------------------------------------
  const PAGES = { overview, kpi, ratings, growth, map, messages, reports, people };
  const WITH_PERIOD = new Set(['kpi', 'ratings', 'growth', 'map']);
  let generation = 0;
  async function route() {
    if (!state.session) return;
    const [path, search] = (location.hash.replace(/^#\/?/, '') || 'overview').split('?');
    const [page, id] = path.split('/');
    const name = PAGES[page] ? page : 'overview';
    document.querySelectorAll('.sidebar a').forEach((a) => a.classList.toggle('active', a.dataset.route === name));
    $('period-bar').hidden = !WITH_PERIOD.has(name);
    destroyCharts();
    const view = $('view');
    const mine = ++generation;
    const fresh = h('div', { 'data-page': name, 'aria-busy': 'true' });
    view.replaceChildren(fresh);
    try {
      if (name === 'messages' && id) await messageCard(fresh, decodeURIComponent(id));
      else await PAGES[name](fresh, new URLSearchParams(search || ''));
    } catch (e) {
      if (mine === generation) fresh.append(failure(e));
    }
    if (mine === generation) {
      fresh.removeAttribute('aria-busy');
      fresh.dataset.ready = 'true';
    }
  }

  async function start() {
    if (window.Chart) {
      window.Chart.defaults.animation = false;
      window.Chart.defaults.locale = 'ru-RU';
      window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    }
    state.config = await fetch('config.json').then((r) => r.json()).catch(() => ({}));
    $('signin-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      $('signin-submit').disabled = true;
      $('signin-error').hidden = true;
      try {
        await signIn($('api-key').value.trim());
        await enter();
      } catch (err) {
        $('signin-error').hidden = false;
        $('signin-error').textContent = err.message;
      } finally {
        $('signin-submit').disabled = false;
      }
    });
    $('signout').addEventListener('click', () => signOut());
    $('period-from').addEventListener('change', () => { state.period.from = $('period-from').value; route(); });
    $('period-to').addEventListener('change', () => { state.period.to = $('period-to').value; route(); });
    document.querySelectorAll('[data-preset]').forEach((b) => b.addEventListener('click', () => { setPeriod(preset(b.dataset.preset)); route(); }));
    window.addEventListener('hashchange', route);
    if (sessionStorage.getItem(KEY)) {
      try { await signIn(sessionStorage.getItem(KEY)); await enter(); return; } catch { /* fall through to the sign-in form */ }
    }
    signOut();
  }
  async function enter() {
    await loadDirectory();
    setPeriod(preset('month'));
    showSession();
    await route();
  }

  document.addEventListener('DOMContentLoaded', () => { start(); });
})();
