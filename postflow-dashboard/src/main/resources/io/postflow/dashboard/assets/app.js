// The PostFlow dashboard page: loads /api/snapshot, then follows /events (server-sent events).
// Progress events update their upload's row in place; any other event reloads the snapshot
// (debounced), and a slow timer reloads it too, for what other agents do on a shared journal.
// Text from the pipeline (file names, reasons) is only ever set as textContent, never as HTML.
'use strict';

(function () {
  const STATES = ['pending', 'in_progress', 'delivered', 'quarantined', 'failed', 'superseded'];
  let reloadTimer = null;
  let throughputTimer = null;
  let lastSnapshot = null;
  // The newest progress of each upload from the live events: a snapshot fetched a moment earlier
  // must not move a progress bar backwards.
  let latestProgress = {};

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('data-')) node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function bytes(n) {
    if (n === undefined || n === null) return '';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
    return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
  }

  function duration(seconds) {
    if (seconds === undefined || seconds === null) return '--';
    const s = Math.round(seconds);
    if (s >= 3600) return Math.floor(s / 3600) + 'h' + String(Math.floor(s / 60) % 60).padStart(2, '0') + 'm';
    if (s >= 60) return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
    return s + 's';
  }

  function time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return d.toLocaleTimeString();
  }

  function replaceRows(table, rows) {
    const body = document.querySelector('#' + table + ' tbody');
    body.replaceChildren(...rows);
  }

  function renderCounts(summary) {
    const counts = document.getElementById('counts');
    counts.replaceChildren(...STATES.map(state =>
      el('span', { class: 'count state-' + state, 'data-state': state },
        state.replace('_', ' '), el('b', {}, summary.deliveries[state] || 0))));
    if (!summary.running) counts.append(el('span', { class: 'count' }, 'pipeline not running'));
  }

  function uploadRow(u) {
    const percent = Math.max(0, Math.min(100, (u.fraction || 0) * 100));
    const fill = el('span');
    fill.style.width = percent.toFixed(1) + '%';
    return el('tr', { id: 'upload-' + u.delivery, 'data-fraction': (u.fraction || 0).toFixed(4), 'data-phase': u.phase },
      el('td', { class: 'mono' }, u.file),
      el('td', {}, u.shot || ''),
      el('td', {}, el('div', { class: 'bar' }, fill, el('em', {}, percent.toFixed(1) + '%'))),
      el('td', {}, bytes(u.bytes) + ' / ' + bytes(u.total)),
      el('td', {}, u.bytesPerSecond ? bytes(u.bytesPerSecond) + '/s' : '--'),
      el('td', {}, duration(u.etaSeconds)),
      el('td', {}, u.phase || ''));
  }

  function renderUploads(uploads) {
    const current = {};
    const shown = uploads.map(u => {
      const live = latestProgress[u.delivery];
      const newest = live && live.bytes > u.bytes ? live : u;
      current[u.delivery] = newest;
      return newest;
    });
    latestProgress = current;
    replaceRows('uploads', shown.map(uploadRow));
    document.getElementById('uploads-count').textContent = uploads.length;
    document.getElementById('uploads-empty').hidden = uploads.length > 0;
  }

  function updateUpload(u) {
    latestProgress[u.delivery] = u;
    const row = uploadRow(u);
    const existing = document.getElementById('upload-' + u.delivery);
    if (existing) existing.replaceWith(row);
    else document.querySelector('#uploads tbody').append(row);
    const count = document.querySelectorAll('#uploads tbody tr').length;
    document.getElementById('uploads-count').textContent = count;
    document.getElementById('uploads-empty').hidden = count > 0;
  }

  function renderScenes(scenes) {
    // The standard workflow's stages, furthest first; a studio's own stages follow, in the order met.
    const known = ['delivery', 'review', 'ebsynth', 'after_effects', 'source'];
    const rank = stage => known.includes(stage) ? known.indexOf(stage) : known.length;
    document.getElementById('scenes').replaceChildren(...scenes.map(scene => {
      const total = scene.shots.length || 1;
      const bar = el('div', { class: 'stages', title: 'shots by stage' });
      for (const stage of Object.keys(scene.byStage).sort((a, b) => rank(a) - rank(b))) {
        const n = scene.byStage[stage] || 0;
        if (!n) continue;
        const part = el('span', { class: 'stage-' + (known.includes(stage) ? stage : 'other'),
          title: stage.replace(/_/g, ' ') + ': ' + n });
        part.style.width = (100 * n / total) + '%';
        bar.append(part);
      }
      const legend = el('div', { class: 'legend' },
        ...Object.entries(scene.byStatus).map(([status, n]) =>
          el('span', { class: 'status-' + status }, status.replace(/_/g, ' ') + ' ' + n)));
      const shots = el('div', { class: 'shots' }, ...scene.shots.map(shot =>
        el('span', { class: 'shot status-' + shot.status, title: shot.nomenclature + ': ' + shot.status.replace(/_/g, ' ')
            + ' (' + shot.stage + ')', 'data-shot': shot.nomenclature, 'data-status': shot.status },
          shot.nomenclature || shot.number)));
      return el('div', { class: 'scene', 'data-scene': scene.number },
        el('h3', {}, 'SC' + String(scene.number).padStart(2, '0') + ' ' + scene.name), bar, legend, shots);
    }));
  }

  function stateCell(state) {
    return el('td', {}, el('span', { class: 'state state-' + state }, state.replace('_', ' ')));
  }

  function renderDeliveries(deliveries) {
    replaceRows('deliveries', deliveries.slice(0, 40).map(d =>
      el('tr', { id: 'delivery-' + d.id, 'data-state': d.state, 'data-file': d.file },
        el('td', { class: 'mono' }, d.file),
        el('td', {}, d.shot || ''),
        el('td', {}, d.version === undefined ? '' : 'v' + String(d.version).padStart(3, '0')),
        stateCell(d.state),
        el('td', { class: 'mono' }, d.folder || ''),
        el('td', { class: 'mono', title: d.sha256 || '' }, d.sha256 ? d.sha256.slice(0, 12) + '\u2026' : ''),
        el('td', {}, time(d.updatedAt)))));
  }

  function renderSetAside(table, deliveries) {
    replaceRows(table, deliveries.map(d =>
      el('tr', { 'data-file': d.file },
        el('td', { class: 'mono' }, d.file), el('td', {}, d.reason || ''), el('td', {}, time(d.updatedAt)))));
    document.getElementById(table + '-count').textContent = deliveries.length;
  }

  function renderAgents(agents) {
    replaceRows('agents', agents.map(a =>
      el('tr', { 'data-agent': a.agent },
        el('td', { class: 'mono' }, a.agent),
        el('td', {}, a.deliveries.map(d => d.file).join(', ')),
        el('td', {}, time(a.deliveries.map(d => d.leaseExpiresAt).filter(Boolean).sort()[0])))));
    document.getElementById('agents-empty').hidden = agents.length > 0;
  }

  function renderFeed(id, entries, kindOf, textOf) {
    document.getElementById(id).replaceChildren(...entries.slice(0, 100).map(e =>
      el('li', { class: kindOf(e) === 'alert' ? 'alert' : '' },
        el('time', {}, time(e.time)),
        el('span', { class: 'kind kind-' + kindOf(e) }, kindOf(e).replace('_', ' ')),
        el('span', {}, textOf(e)))));
  }

  function drawThroughput(chart) {
    const canvas = document.getElementById('throughput');
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 560;
    const height = canvas.clientHeight || 160;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const g = canvas.getContext('2d');
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, height);
    const points = chart.points;
    const max = Math.max(1, ...points.map(p => p.bytesPerSecond));
    const left = 56;
    const bottom = height - 18;
    g.strokeStyle = '#26303b';
    g.fillStyle = '#8b96a3';
    g.font = '11px system-ui, sans-serif';
    for (let i = 0; i <= 2; i++) {
      const y = bottom - (bottom - 8) * i / 2;
      g.beginPath(); g.moveTo(left, y); g.lineTo(width, y); g.stroke();
      g.fillText(bytes(max * i / 2) + '/s', 2, y + 4);
    }
    const barWidth = (width - left) / points.length;
    g.fillStyle = '#3b8eea';
    points.forEach((p, i) => {
      const h = (bottom - 8) * p.bytesPerSecond / max;
      g.fillRect(left + i * barWidth + 1, bottom - h, Math.max(1, barWidth - 2), h);
    });
    g.fillStyle = '#8b96a3';
    g.fillText('-' + Math.round(points.length * chart.slotSeconds / 60) + ' min', left, height - 4);
    g.fillText('now', width - 24, height - 4);
    document.getElementById('throughput-total').textContent = bytes(chart.totalBytes) + ' uploaded';
  }

  function render(s) {
    lastSnapshot = s;
    renderCounts(s.summary);
    renderUploads(s.uploads);
    drawThroughput(s.throughput);
    renderScenes(s.scenes);
    renderDeliveries(s.deliveries);
    renderSetAside('quarantine', s.quarantine);
    renderSetAside('failed', s.failed);
    renderAgents(s.agents);
    renderFeed('events', s.events, e => e.kind, e => e.file + ': ' + e.text);
    renderFeed('notifications', s.notifications, n => n.kind, n => n.message);
    document.getElementById('notifications-empty').hidden = s.notifications.length > 0;
    document.getElementById('updated').textContent = time(s.summary.time);
  }

  async function reload() {
    reloadTimer = null;
    try {
      const response = await fetch('/api/snapshot', { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok) render(await response.json());
    } catch (e) {
      // The connection indicator tells the user; the next event or tick tries again.
    }
  }

  // While uploads run, the chart follows them at most once a second.
  function throughputSoon() {
    if (throughputTimer !== null) return;
    throughputTimer = setTimeout(async () => {
      throughputTimer = null;
      try {
        const response = await fetch('/api/throughput', { credentials: 'same-origin', cache: 'no-store' });
        if (!response.ok) return;
        const chart = await response.json();
        if (lastSnapshot) lastSnapshot.throughput = chart;
        drawThroughput(chart);
      } catch (e) {
        // the next progress event or reload tries again
      }
    }, 1000);
  }

  function reloadSoon() {
    if (reloadTimer === null) reloadTimer = setTimeout(reload, 250);
  }

  function connect() {
    const connection = document.getElementById('connection');
    const events = new EventSource('/events');
    events.onopen = () => {
      connection.dataset.state = 'live';
      connection.textContent = 'live';
      reload(); // whatever happened while disconnected
    };
    events.onerror = () => {
      connection.dataset.state = 'reconnecting';
      connection.textContent = 'reconnecting\u2026';
    };
    events.addEventListener('progress', e => { updateUpload(JSON.parse(e.data)); throughputSoon(); });
    events.addEventListener('change', reloadSoon);
    events.addEventListener('notification', reloadSoon);
  }

  window.addEventListener('resize', () => { if (lastSnapshot) drawThroughput(lastSnapshot.throughput); });
  document.addEventListener('DOMContentLoaded', () => {
    reload();
    connect();
    setInterval(reload, 5000);
  });
})();
