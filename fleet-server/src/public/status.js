/* global document, location, history, fetch, setInterval, URLSearchParams, Node */
// Status page: plain JS, no build step, no external resources. Polls the REST API every 2 s.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const tenantSelect = $('tenant');
  const params = new URLSearchParams(location.search);

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  };
  const svgEl = (tag, attrs) => {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  const SOURCES = { plan: 'plan', override: 'forçage / override', fallback: 'secours / fallback', default: 'défaut / default' };
  const ago = (iso) => {
    if (!iso) return '—';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return s < 60 ? `il y a ${s} s` : s < 3600 ? `il y a ${Math.round(s / 60)} min` : new Date(iso).toLocaleString('fr-FR');
  };
  // Level 0..100 → dark blue to warm yellow.
  const colour = (level) => level == null ? '#555' : `hsl(${45 - level * 0.1}, ${40 + level * 0.6}%, ${12 + level * 0.5}%)`;

  async function loadTenants() {
    const tenants = await (await fetch('/api/tenants')).json();
    tenantSelect.replaceChildren(...tenants.map((t) => el('option', { value: t.id }, `${t.id} (${t.deviceCount})`)));
    const wanted = params.get('tenant');
    if (wanted && tenants.some((t) => t.id === wanted)) tenantSelect.value = wanted;
  }

  function renderTable(devices) {
    const byStreet = new Map();
    for (const d of devices) {
      const street = (d.inventory && d.inventory.group) || d.groups[0] || '(sans rue / no street)';
      if (!byStreet.has(street)) byStreet.set(street, []);
      byStreet.get(street).push(d);
    }
    const blocks = [...byStreet.keys()].sort().map((street) => {
      const rows = byStreet.get(street).map((d) => {
        const r = d.reported || {};
        const level = r.level == null ? null : r.level;
        return el('tr', {},
          el('td', {}, d.id, d.inventory && d.inventory.poleRef ? el('span', { class: 'muted' }, ` ${d.inventory.poleRef}`) : ''),
          el('td', { class: 'num' }, level == null ? '—' : `${level} %`),
          el('td', {}, el('span', { class: 'bar', style: `width:${(level || 0) * 0.8}px` })),
          el('td', {}, SOURCES[r.levelSource] || r.levelSource || '—'),
          el('td', { class: d.online ? 'on' : 'off' }, d.online ? 'en ligne / online' : 'hors ligne / offline'),
          el('td', { class: 'muted' }, ago(d.lastSeen)));
      });
      return el('section', {}, el('h2', {}, street, el('span', { class: 'muted' }, ` — ${rows.length}`)),
        el('table', {}, el('thead', {}, el('tr', {}, ...['Luminaire', 'Niveau', '', 'Source', 'Connexion', 'Vu / last seen'].map((h) => el('th', {}, h)))),
          el('tbody', {}, ...rows)));
    });
    $('streets').replaceChildren(...(blocks.length ? blocks : [el('p', { class: 'muted' }, 'Aucun luminaire / no devices')]));
  }

  function renderMap(devices) {
    const svg = $('map');
    const placed = devices.filter((d) => d.inventory && d.inventory.lat != null && d.inventory.lon != null);
    svg.replaceChildren();
    if (!placed.length) return;
    const lats = placed.map((d) => d.inventory.lat), lons = placed.map((d) => d.inventory.lon);
    const minLat = Math.min(...lats), maxLat = Math.max(...lats), minLon = Math.min(...lons), maxLon = Math.max(...lons);
    const midLat = (minLat + maxLat) / 2;
    // Equirectangular: a degree of longitude is cos(lat) of a degree of latitude.
    const w = (maxLon - minLon) * Math.cos(midLat * Math.PI / 180) || 1e-4, h = (maxLat - minLat) || 1e-4;
    const scale = 380 / Math.max(w, h);
    for (const d of placed) {
      const x = 20 + (d.inventory.lon - minLon) * Math.cos(midLat * Math.PI / 180) * scale;
      const y = 400 - (d.inventory.lat - minLat) * scale;
      const level = d.reported ? d.reported.level : null;
      const c = svgEl('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 5, fill: colour(level), stroke: d.online ? '#fff' : '#b42318', 'stroke-width': 1 });
      const title = svgEl('title', {});
      title.textContent = `${d.id}: ${level == null ? '—' : level + ' %'}`;
      c.append(title);
      svg.append(c);
    }
  }

  async function refresh() {
    const tenant = tenantSelect.value;
    if (!tenant) return;
    try {
      const devices = await (await fetch(`/api/tenants/${encodeURIComponent(tenant)}/devices`)).json();
      const online = devices.filter((d) => d.online).length;
      $('summary').textContent = `${devices.length} luminaires, ${online} en ligne — ${new Date().toLocaleTimeString('fr-FR')}`;
      renderTable(devices);
      renderMap(devices);
    } catch (err) {
      $('summary').textContent = `erreur / error: ${err}`;
    }
  }

  tenantSelect.addEventListener('change', () => {
    params.set('tenant', tenantSelect.value);
    history.replaceState(null, '', `?${params}`);
    refresh();
  });
  loadTenants().then(refresh);
  setInterval(async () => { if (!tenantSelect.value) await loadTenants(); refresh(); }, 2000);
})();
