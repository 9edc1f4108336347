// The live dashboard (GET /). It draws its panels from the state the page was served with, then asks
// the admin API again every few seconds: one round at a time (never overlapping), nothing while the tab
// is hidden, backing off while the host does not answer and stopping when the session is refused, so the
// page is safe to leave open. Writes (the clock controls) carry the page's CSRF token; the session cookie
// alone cannot write. Every text from the server goes in through textContent, never as markup, except
// the payout timeline, which is parsed as an SVG document from this same server.
'use strict';
(() => {
  const live = document.getElementById('live');
  const csrf = live.dataset.csrf;
  const pollMs = Number(live.dataset.pollMs) || 2000;
  const WINDOW_MS = 5 * 60 * 1000;         // the throughput chart's span
  const MAX_BACKOFF_MS = 30000;
  const $ = id => document.getElementById(id);
  const TIMELINE_PAINTED = 'acqsim:timeline-painted';
  const timelineDays = Number($('timeline-form').dataset.days) || 14;

  const samples = [];                       // {at: performance.now() ms, total: transactions}
  const liveSamples = [];                   // {at, requests, seconds, buckets: Map le -> cumulative count}
  let lastTimeline = null;                  // what the timeline shows: payout counts and its dates
  let timelineChosen = false;               // the user picked dates: stop following the clock
  let failures = 0;
  let clockMoves = 0;                       // a poll begun before a move must not show the old time after it

  // the first visit brings ?token=; the cookie replaces it, so keep it out of the address bar and history
  if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname);

  async function problem(response, what) {
    let message = response.statusText;
    try {
      const body = await response.json();
      if (body && body.error) message = body.error;
    } catch (e) {
      // not the error catalogue's JSON: keep the status text
    }
    const error = new Error(what + ' answered ' + response.status + ': ' + message);
    error.status = response.status;
    return error;
  }

  async function getJson(path) {
    const r = await fetch(path, {credentials: 'same-origin', headers: {'Accept': 'application/json'}});
    if (!r.ok) throw await problem(r, 'GET ' + path);
    return r.json();
  }

  async function postJson(path, body) {
    const r = await fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf},
      body: JSON.stringify(body)
    });
    if (!r.ok) throw await problem(r, 'POST ' + path);
    return r.json();
  }

  function fill(tbody, rows) {
    tbody.replaceChildren();
    for (const row of rows) {
      const tr = tbody.insertRow();
      if (row.className) tr.className = row.className;
      for (const v of row.cells) tr.insertCell().textContent = v == null ? '' : String(v);
    }
  }

  // ---- clock ---------------------------------------------------------------------------------------

  function showClock(c) {
    $('clock').textContent = c.now;
    $('clock-mode').textContent = c.mode;
    $('business-date').textContent = c.businessDate;
    $('next-job').textContent = c.nextJob ? c.nextJob.name + ' at ' + c.nextJob.due : 'none';
    $('pending-jobs').textContent = c.pendingJobs;
    if (!$('set-to').value) $('set-to').placeholder = c.now;
    if (!timelineChosen) {
      const today = c.now.slice(0, 10);
      $('timeline-to').value = today;
      $('timeline-from').value = daysBefore(today, timelineDays - 1);
    }
  }

  function daysBefore(isoDate, days) {
    const [y, m, d] = isoDate.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d) - days * 86400000).toISOString().slice(0, 10);
  }

  async function moveClock(path, body) {
    const note = $('clock-message');
    note.textContent = '';
    try {
      const moved = await postJson(path, body);
      clockMoves++;
      showClock(moved.clock);
      note.className = '';
      note.textContent = 'Moved from ' + moved.from + ' to ' + moved.to + '; ' + moved.jobsRun + ' jobs run.';
    } catch (e) {
      note.className = 'error';
      note.textContent = e.message;
    }
  }

  $('advance-form').addEventListener('submit', e => {
    e.preventDefault();
    moveClock('/api/clock/advance', {by: $('advance-by').value.trim()});
  });
  $('set-form').addEventListener('submit', e => {
    e.preventDefault();
    moveClock('/api/clock/set', {to: $('set-to').value.trim()});
  });

  // ---- counts and throughput -----------------------------------------------------------------------

  function showStats(s) {
    fill($('transaction-counts'), Object.entries(s.transactions).map(([k, v]) => ({cells: [k, v]})));
    fill($('payout-counts'), Object.entries(s.payouts).map(([k, v]) => ({cells: [k, v]})));
  }

  function sample(total) {
    const now = performance.now();
    samples.push({at: now, total: total});
    while (samples.length > 2 && now - samples[1].at > WINDOW_MS) samples.shift();
    drawThroughput(now);
  }

  /** Transactions per second between successive polls, over the last five minutes, newest at the right. */
  function drawThroughput(now) {
    const width = 600, height = 120;
    const rates = [];
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1], b = samples[i];
      const seconds = (b.at - a.at) / 1000;
      if (seconds > 0) rates.push({at: b.at, rate: Math.max(0, b.total - a.total) / seconds});
    }
    const peak = rates.reduce((m, r) => Math.max(m, r.rate), 0);
    const top = peak > 0 ? peak * 1.1 : 1;
    const points = rates.map(r => {
      const x = Math.max(0, width - (now - r.at) / WINDOW_MS * width);
      return x.toFixed(1) + ',' + (height - r.rate / top * height).toFixed(1);
    });
    $('throughput-line').setAttribute('points', points.join(' '));
    const peakY = (height - peak / top * height).toFixed(1);
    $('throughput-peak-line').setAttribute('y1', peakY);
    $('throughput-peak-line').setAttribute('y2', peakY);
    $('throughput-peak-line').style.visibility = peak > 0 ? 'visible' : 'hidden';
    $('throughput-scale').textContent = peak > 0 ? peak.toFixed(1) + '/s' : '';
    const chart = $('throughput');
    chart.dataset.points = String(rates.length);
    chart.dataset.peak = peak.toFixed(1);
    $('throughput-peak').textContent = peak.toFixed(1);
    $('throughput-last').textContent = rates.length ? rates[rates.length - 1].rate.toFixed(1) : '0.0';
  }

  // ---- latency, response codes, terminals (GET /api/live: the host's meters, totals since start) ----

  function showLive(l) {
    const now = performance.now();
    const buckets = new Map(l.latencyBuckets.map(b => [b.le === '+Inf' ? Infinity : Number(b.le), b.count]));
    liveSamples.push({at: now, requests: l.requests, seconds: l.latencySeconds, buckets: buckets});
    while (liveSamples.length > 2 && now - liveSamples[1].at > WINDOW_MS) liveSamples.shift();
    drawLatency(now);
    const codes = Object.entries(l.responseCodes).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    fill($('response-codes'), codes.map(([code, n]) => ({cells: [code, n]})));
    fill($('terminals'), Object.entries(l.terminals).map(([profile, n]) => ({cells: [profile, n]})));
  }

  /**
   * Per interval between polls with requests in it: the mean latency, and the p99 as the upper bound of the
   * histogram bucket that holds the 99th percentile of that interval's requests (Infinity past the last bound).
   */
  function latencies() {
    const out = [];
    for (let i = 1; i < liveSamples.length; i++) {
      const a = liveSamples[i - 1], b = liveSamples[i];
      const n = b.requests - a.requests;
      if (n <= 0) continue;
      let p99 = Infinity;
      for (const [le, count] of [...b.buckets.entries()].sort((x, y) => x[0] - y[0])) {
        if (count - (a.buckets.get(le) || 0) >= 0.99 * n) { p99 = le * 1000; break; }
      }
      out.push({at: b.at, mean: (b.seconds - a.seconds) / n * 1000, p99: p99});
    }
    return out;
  }

  function drawLatency(now) {
    const width = 600, height = 120;
    const points = latencies();
    const finite = points.flatMap(p => [p.mean, p.p99]).filter(Number.isFinite);
    const top = finite.length ? Math.max(...finite) * 1.1 : 1;
    const line = key => points.map(p => {
      const x = Math.max(0, width - (now - p.at) / WINDOW_MS * width);
      const v = Number.isFinite(p[key]) ? p[key] : top;
      return x.toFixed(1) + ',' + (height - Math.min(v, top) / top * height).toFixed(1);
    }).join(' ');
    $('latency-p99').setAttribute('points', line('p99'));
    $('latency-mean').setAttribute('points', line('mean'));
    $('latency-scale').textContent = finite.length ? top.toFixed(1) + ' ms' : '';
    $('latency').dataset.points = String(points.length);
    const last = points[points.length - 1];
    $('latency-last-p99').textContent = !last ? '-' : Number.isFinite(last.p99) ? String(last.p99) : 'over 5000';
    $('latency-last-mean').textContent = last ? last.mean.toFixed(2) : '-';
  }

  // ---- faults --------------------------------------------------------------------------------------

  function showFaults(faults) {
    fill($('faults'), faults.map(f => ({
      className: f.active ? 'active' : '',
      cells: [f.id, f.type, f.from, f.to, f.active ? 'active' : '', f.scenario, JSON.stringify(f.spec)]
    })));
    $('faults-none').hidden = faults.length > 0;
  }

  // ---- payout timeline -----------------------------------------------------------------------------

  function timelineKey(stats) {
    return JSON.stringify(stats.payouts) + ' ' + $('timeline-from').value + ' ' + $('timeline-to').value;
  }

  async function showTimeline() {
    const path = '/api/payouts/timeline.svg?from=' + encodeURIComponent($('timeline-from').value)
        + '&to=' + encodeURIComponent($('timeline-to').value);
    const box = $('timeline'), note = $('timeline-message');
    try {
      const r = await fetch(path, {credentials: 'same-origin', headers: {'Accept': 'image/svg+xml'}});
      if (!r.ok) throw await problem(r, 'GET ' + path);
      const doc = new DOMParser().parseFromString(await r.text(), 'image/svg+xml');
      if (doc.querySelector('parsererror') || doc.documentElement.localName !== 'svg') {
        throw new Error('GET ' + path + ' did not answer an SVG picture');
      }
      box.replaceChildren(document.importNode(doc.documentElement, true));
      note.textContent = '';
      markTimelinePainted();
    } catch (e) {
      box.replaceChildren();
      note.textContent = e.message;
    }
  }

  // for bench/dashboard-paint: the frame after the page first holds a timeline, in ms since navigation began
  function markTimelinePainted() {
    if (performance.getEntriesByName(TIMELINE_PAINTED).length > 0) return;
    requestAnimationFrame(() => setTimeout(() => {
      if (performance.getEntriesByName(TIMELINE_PAINTED).length === 0) performance.mark(TIMELINE_PAINTED);
    }));
  }

  $('timeline-form').addEventListener('submit', e => {
    e.preventDefault();
    timelineChosen = true;
    showTimeline();
  });

  // ---- polling -------------------------------------------------------------------------------------

  async function round() {
    const moves = clockMoves;
    const [clock, stats, faults, live] = await Promise.all([getJson('/api/clock'), getJson('/api/stats'), getJson('/api/faults'),
      getJson('/api/live')]);
    if (moves === clockMoves) showClock(clock);
    showStats(stats);
    showFaults(faults);
    sample(stats.transactions.total);
    showLive(live);
    const drawn = timelineKey(stats);
    if (drawn !== lastTimeline) {
      lastTimeline = drawn;
      await showTimeline();
    }
    $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString() + '; every ' + pollMs / 1000 + ' s.';
  }

  async function poll() {
    let next = pollMs;
    if (!document.hidden) {
      try {
        await round();
        failures = 0;
        $('status').textContent = '';
      } catch (e) {
        if (e.status === 401) {
          $('status').textContent = 'The host refused this session (a new admin token?): open /?token=TOKEN again. Updates stopped.';
          return;
        }
        failures++;
        next = Math.min(pollMs * 2 ** failures, MAX_BACKOFF_MS);
        $('status').textContent = e.message + '; trying again in ' + Math.round(next / 1000) + ' s.';
      }
    }
    setTimeout(poll, next);
  }

  const initial = JSON.parse($('initial-state').textContent);
  showClock(initial.clock);
  showStats(initial.stats);
  showFaults(initial.faults);
  // the page came with the timeline of its state (drawn by the server); fetch it only if it did not
  lastTimeline = timelineKey(initial.stats);
  if ($('timeline').querySelector('svg')) markTimelinePainted(); else showTimeline();
  poll();
})();
