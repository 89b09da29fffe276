// canhbao operations console: live list of alerts over Server-Sent Events.
// Plain JavaScript, no external resources (the console must work without internet).
'use strict';

const STATE_LABELS = {
  raised: ['Mới phát sinh', 'Raised'],
  updated: ['Cập nhật', 'Updated'],
  cleared: ['Đã kết thúc', 'Cleared'],
};
const TIME_FORMAT = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
// Fixed frame around Viet Nam so that positions read geographically.
const FRAME = { latMin: 8.0, latMax: 23.6, lonMin: 102.0, lonMax: 110.0 };

const alerts = new Map();   // alertId -> alert view from the API
let sites = [];
let showAll = false;
let loading = false;
let buffered = [];          // events that arrived while the list was being fetched
let source = null;
let retryTimer = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k === 'style') node.setAttribute('style', v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatTime(iso) {
  return iso ? TIME_FORMAT.format(new Date(iso)) : '';
}

function capitalise(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function setConnection(up, textVi, textEn) {
  const c = $('connection');
  c.classList.toggle('up', up);
  c.classList.toggle('down', !up);
  $('connection-text').textContent = textVi + ' / ' + textEn;
}

function showError(message) {
  const e = $('error');
  e.textContent = message || '';
  e.hidden = !message;
}

// ---- data ----

async function loadAlerts() {
  loading = true;
  buffered = [];
  try {
    const r = await fetch('/api/v1/alerts?state=' + (showAll ? 'all' : 'open'), { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error('HTTP ' + r.status);
    const list = await r.json();
    alerts.clear();
    for (const a of list) alerts.set(a.alertId, a);
    showError('');
  } catch (err) {
    showError('Không tải được danh sách cảnh báo / Cannot load alerts: ' + err.message);
  } finally {
    loading = false;
    const pending = buffered;
    buffered = [];
    for (const a of pending) upsert(a, false);
    render();
  }
}

async function loadSites() {
  try {
    const r = await fetch('/api/v1/sites', { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error('HTTP ' + r.status);
    sites = await r.json();
    renderSites();
  } catch (err) {
    showError('Không tải được danh sách trạm / Cannot load sites: ' + err.message);
  }
}

function upsert(a, flash) {
  if (loading) { buffered.push(a); return; }
  const current = alerts.get(a.alertId);
  // An acknowledgement keeps the revision; an older revision never replaces a newer one.
  if (current && current.revision > a.revision) return;
  if (!showAll && !a.open) alerts.delete(a.alertId);
  else alerts.set(a.alertId, a);
  render(flash ? a.alertId : null);
}

async function acknowledge(alertId, button) {
  let by = $('operator').value.trim();
  if (!by) {
    by = (window.prompt('Tên người xác nhận / Your name') || '').trim();
    if (!by) return;
    $('operator').value = by;
    localStorage.setItem('canhbao.operator', by);
  }
  button.disabled = true;
  try {
    const r = await fetch('/api/v1/alerts/' + encodeURIComponent(alertId) + '/ack', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ by }),
    });
    if (!r.ok) {
      const problem = await r.json().catch(() => ({}));
      throw new Error(problem.detail || ('HTTP ' + r.status));
    }
    upsert(await r.json(), false);
    showError('');
  } catch (err) {
    button.disabled = false;
    showError('Xác nhận thất bại / Acknowledge failed: ' + err.message);
  }
}

// ---- rendering ----

function sortedAlerts() {
  return [...alerts.values()].sort((x, y) => (y.time || '').localeCompare(x.time || '') || x.alertId.localeCompare(y.alertId));
}

function render(flashId) {
  const list = sortedAlerts();
  const ol = $('alerts');
  ol.replaceChildren(...list.map((a) => card(a, a.alertId === flashId)));
  const open = list.filter((a) => a.open).length;
  $('alert-count').textContent = '(' + open + ' đang mở / open)';
  $('empty').hidden = list.length > 0;
  renderSites();
}

function card(a, flash) {
  const state = STATE_LABELS[a.state] || [a.state, a.state];
  const site = a.site;
  const place = site
    ? [el('strong', {}, site.name), ' — ', site.commune, ', ', site.province]
    : [el('strong', {}, a.siteId), ' ', el('span', { class: 'en' }, '(chưa có thông tin trạm / site not yet known)')];
  const evidence = el('ul', { class: 'evidence' },
    (a.evidence || []).map((e) => el('li', {}, e.textVi, ' ', el('span', { class: 'en' }, '/ ' + e.textEn),
      ' ', el('span', { class: 'meta' }, '(' + e.sensor + ', ' + formatTime(e.time) + ')'))));
  const ack = a.ack
    ? el('span', { class: 'acked' }, '✔ Đã xác nhận bởi ', el('strong', {}, a.ack.by), ' lúc ' + formatTime(a.ack.at),
      ' ', el('span', { class: 'en' }, '/ Acknowledged'))
    : null;
  const button = el('button', { class: 'ack', type: 'button', 'data-alert': a.alertId }, 'Xác nhận ', el('span', {}, '/ Acknowledge'));
  button.addEventListener('click', () => acknowledge(a.alertId, button));
  return el('li', {
    class: 'alert ' + a.state + (flash ? ' flash' : ''),
    id: 'alert-' + a.alertId,
    style: '--level: ' + a.level.colourHex,
  },
  el('div', { class: 'top' },
    el('span', { class: 'level', title: a.level.meaningVi + ' / CAP ' + a.level.capSeverity },
      a.level.labelVi + ' · ' + a.level.colourVi),
    el('span', { class: 'hazard' }, capitalise(a.hazardVi), ' ', el('span', { class: 'en' }, '/ ' + a.hazardEn)),
    el('span', { class: 'state ' + a.state }, state[0] + ' / ' + state[1])),
  el('div', { class: 'place' }, place),
  el('div', { class: 'meta' },
    'Thời điểm ' + formatTime(a.time) + ' (giờ Việt Nam) · bắt đầu ' + formatTime(a.episodeStart),
    ' · lần ' + a.revision + ' · ' + a.ruleId + ' ' + a.ruleVersion),
  evidence,
  a.notice ? el('div', { class: 'local-notice' }, a.notice) : null,
  el('div', { class: 'actions' },
    ack || button,
    ack ? button : null,
    el('a', { href: a.videoUrl, target: '_blank', rel: 'noopener' }, '▶ Xem video ', el('span', { class: 'en' }, '/ Video clips'))));
}

function project(lat, lon) {
  const x = 20 + ((lon - FRAME.lonMin) / (FRAME.lonMax - FRAME.lonMin)) * 260;
  const y = 20 + ((FRAME.latMax - lat) / (FRAME.latMax - FRAME.latMin)) * 380;
  return [x, y];
}

function renderSites() {
  const plot = $('site-plot');
  const worst = new Map();  // siteId -> highest open level
  for (const a of alerts.values()) {
    if (!a.open) continue;
    const w = worst.get(a.siteId);
    if (!w || w.number < a.level.number) worst.set(a.siteId, a.level);
  }
  const children = [svg('rect', { x: 1, y: 1, width: 298, height: 418, fill: '#f7fafc', stroke: '#d9dde3' })];
  for (let lat = 10; lat <= 22; lat += 4) {
    const [, y] = project(lat, FRAME.lonMin);
    children.push(svg('line', { x1: 10, x2: 290, y1: y, y2: y, stroke: '#e3e7ec' }));
    children.push(svg('text', { x: 4, y: y - 2, 'font-size': 9, fill: '#8a93a0' }, lat + '°N'));
  }
  for (const s of sites) {
    const [x, y] = project(s.lat, s.lon);
    const level = worst.get(s.siteId);
    const circle = svg('circle', { cx: x, cy: y, r: level ? 8 : 5, fill: level ? level.colourHex : '#8a93a0', stroke: '#1d2430' });
    circle.append(svg('title', {}, s.name + ' — ' + s.commune + ', ' + s.province + (level ? ' · ' + level.labelVi : '')));
    children.push(circle);
    children.push(svg('text', { x: x + 10, y: y + 4, 'font-size': 10, fill: '#1d2430' }, s.name));
  }
  plot.replaceChildren(...children);
  $('site-list').replaceChildren(...sites.map((s) => {
    const level = worst.get(s.siteId);
    return el('li', {}, el('strong', {}, s.name), ' — ' + s.commune + ', ' + s.province,
      ' ', el('span', { class: 'meta' }, '(' + s.lat.toFixed(4) + ', ' + s.lon.toFixed(4) + ')'),
      level ? el('span', { class: 'level', style: '--level: ' + level.colourHex + '; margin-left: .3rem' }, level.labelVi) : null);
  }));
}

// ---- live stream ----

function connect() {
  if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
  if (source) source.close();
  setConnection(false, 'Đang kết nối…', 'Connecting…');
  source = new EventSource('/api/v1/alerts/stream');
  // 'ready' arrives on every (re)connection: re-read the list so nothing missed while away is lost.
  source.addEventListener('ready', () => {
    setConnection(true, 'Trực tuyến', 'Live');
    loadAlerts();
    loadSites();
  });
  source.addEventListener('alert', (e) => upsert(JSON.parse(e.data), true));
  source.addEventListener('sites', () => loadSites());
  source.onerror = () => {
    setConnection(false, 'Mất kết nối — đang thử lại', 'Disconnected — retrying');
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. the server answered with an error): retry ourselves.
      retryTimer = setTimeout(connect, 3000);
    }
  };
}

function init() {
  const saved = localStorage.getItem('canhbao.operator');
  if (saved) $('operator').value = saved;
  $('operator').addEventListener('change', () => localStorage.setItem('canhbao.operator', $('operator').value.trim()));
  $('show-all').addEventListener('change', (e) => { showAll = e.target.checked; loadAlerts(); });
  render();
  connect();
}

init();
