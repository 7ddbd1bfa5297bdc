// The auditors' dashboard: signs in with a bearer token kept in sessionStorage only, reads this service's reports
// with the filters chosen, and shows each as a chart with its table (the JSON report's own figures).
import { barChart, lineChart } from './charts.js';
import { translate } from './i18n.js';

const TOKEN_KEY = 'motcua.dashboard.token';
const LANG_KEY = 'motcua.dashboard.lang';
const OVERDUE_PAGE_SIZE = 100;

const state = { lang: sessionStorage.getItem(LANG_KEY) ?? 'vi', data: null, history: null, filters: null };
const $ = (selector) => document.querySelector(selector);
const t = (key, values) => translate(state.lang, key, values);

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(path, accept = 'application/json') {
  const response = await fetch(path, {
    headers: { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`, accept },
  });
  if (!response.ok) {
    let detail = `HTTP ${response.status}`;
    try {
      detail = (await response.json()).detail ?? detail;
    } catch {
      // not problem details: keep the status
    }
    throw new ApiError(response.status, detail);
  }
  return response;
}

const json = async (path) => (await api(path)).json();

// ---- formatting -------------------------------------------------------------------------------------------------

const locale = () => (state.lang === 'vi' ? 'vi-VN' : 'en-GB');
const formatInt = (value) =>
  value === null || value === undefined ? '–' : new Intl.NumberFormat(locale()).format(value);
const formatPct = (value) =>
  value === null || value === undefined
    ? '–'
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(value);
const formatDecimal = (value) =>
  value === null || value === undefined
    ? '–'
    : new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(value);
const formatInstant = (iso) =>
  iso
    ? new Intl.DateTimeFormat(locale(), {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: 'Asia/Ho_Chi_Minh',
      }).format(new Date(iso))
    : '–';
const formatDate = (iso) =>
  iso
    ? new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(
        new Date(iso),
      )
    : '–';

/** On-time bands (the dashboard's own choice, shown in its legend): good from 95%, fair from 80%, else poor. */
export function bandOf(rate) {
  if (rate === null || rate === undefined) return 'none';
  if (rate >= 0.95) return 'good';
  if (rate >= 0.8) return 'fair';
  return 'poor';
}

/** The report views, in page order: their section id is `view-<name>`, their CSV/XLSX buttons export that report. */
const VIEWS = [
  { name: 'sla', title: 'slaTitle', legend: true },
  { name: 'trend', title: 'trendTitle' },
  { name: 'overdue', title: 'overdueTitle', wide: true },
  { name: 'digitization', title: 'digitizationTitle' },
  { name: 'confirmation', title: 'confirmationTitle' },
  { name: 'indicators', title: 'indicatorsTitle' },
];

function buildViews() {
  const template = $('#view-template').content;
  for (const view of VIEWS) {
    const section = template.firstElementChild.cloneNode(true);
    section.id = `view-${view.name}`;
    section.setAttribute('aria-labelledby', `${view.name}-title`);
    Object.assign(section.querySelector('h2'), { id: `${view.name}-title` }).dataset.i18n = view.title;
    for (const button of section.querySelectorAll('[data-format]')) button.dataset.export = view.name;
    if (view.legend)
      section.querySelector('.view-head').after($('#band-legend-template').content.cloneNode(true));
    if (view.wide) {
      section.querySelector('.view-body').classList.add('wide');
      section.querySelector('.chart').hidden = true;
    }
    $('#views').append(section);
  }
}

const valueAt = (row, path) =>
  path.split('.').reduce((v, k) => (v === null || v === undefined ? v : v[k]), row);

// ---- tables -----------------------------------------------------------------------------------------------------

/**
 * A table of report rows. Each cell carries the JSON value it shows (data-field, data-value), so what is on screen
 * can be checked against the report.
 */
function table({ caption, columns, rows, total }) {
  const node = document.createElement('table');
  const cap = document.createElement('caption');
  cap.textContent = caption;
  node.append(cap);
  const head = node.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = t(column.label);
    if (column.numeric) th.className = 'num';
    head.append(th);
  }
  const body = node.createTBody();
  const addRow = (row, section, isTotal) => {
    const tr = section.insertRow();
    tr.dataset.key = row.key ?? row.code ?? row.id ?? row.seq ?? '';
    columns.forEach((column, i) => {
      const cell = i === 0 ? document.createElement('th') : tr.insertCell();
      if (i === 0) {
        cell.scope = 'row';
        tr.append(cell);
      }
      const value = column.field ? valueAt(row, column.field) : undefined;
      if (column.field) {
        cell.dataset.field = column.field;
        cell.dataset.value = JSON.stringify(value ?? null);
      }
      if (column.numeric) cell.classList.add('num');
      const content =
        isTotal && i === 0 ? t('total') : column.render ? column.render(value, row) : String(value ?? '–');
      if (content instanceof Node) cell.append(content);
      else cell.textContent = content;
    });
  };
  if (rows.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = columns.length;
    td.textContent = t('noRows');
  }
  for (const row of rows) addRow(row, body, false);
  if (total) addRow(total, node.createTFoot(), true);
  return node;
}

function fill(view, chart, tableNode, extra) {
  const chartBox = $(`#${view} .chart`);
  const tableBox = $(`#${view} .table-box`);
  chartBox.replaceChildren(...(chart ? [chart] : []));
  tableBox.replaceChildren(tableNode, ...(extra ? [extra] : []));
}

const paragraph = (text) =>
  Object.assign(document.createElement('p'), { textContent: text, className: 'note' });

const count = (label, field) => ({ label, field, numeric: true, render: formatInt });
const percent = (label, field) => ({ label, field, numeric: true, render: formatPct });

// ---- views ------------------------------------------------------------------------------------------------------

function renderSla(report) {
  const rows = [...report.rows].sort(
    (a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.key.localeCompare(b.key),
  );
  const title = t('slaTitle');
  const chart = barChart({
    label: t('chartOf', { title }),
    categories: rows.map((r) => r.key),
    series: [{ name: t('onTimeRateCol'), values: rows.map((r) => r.onTimeRate) }],
    format: formatPct,
    classOf: (value) => `band-${bandOf(value)}`,
  });
  const band = (_, row) => {
    const span = document.createElement('span');
    span.className = `band band-${bandOf(row.onTimeRate)}-text`;
    span.textContent = t(`band_${bandOf(row.onTimeRate)}`);
    return span;
  };
  const columns = [
    { label: 'agencyCol', field: 'key' },
    count('receivedCol', 'received.total'),
    count('resolvedCol', 'resolved.total'),
    count('lateCol', 'resolved.late'),
    count('inProgressCol', 'inProgress.total'),
    count('overdueNowCol', 'inProgress.overdue'),
    percent('onTimeRateCol', 'onTimeRate'),
    { label: 'bandCol', render: band },
  ];
  fill('view-sla', rows.length ? chart : null, table({ caption: title, columns, rows, total: report.total }));
}

function renderTrend(report) {
  const title = t('trendTitle');
  const chart = lineChart({
    label: t('chartOf', { title }),
    // 2026-03 → 03/26: twelve months fit under the chart.
    categories: report.rows.map((r) => `${r.key.slice(5, 7)}/${r.key.slice(2, 4)}`),
    series: [
      {
        name: t('legendReceived'),
        axis: 'left',
        className: 'series-1',
        values: report.rows.map((r) => r.received.total),
      },
      {
        name: t('legendResolved'),
        axis: 'left',
        className: 'series-2',
        values: report.rows.map((r) => r.resolved.total),
      },
      {
        name: t('legendOnTimeRate'),
        axis: 'right',
        className: 'series-3',
        values: report.rows.map((r) => r.onTimeRate),
      },
    ],
    formatLeft: formatInt,
    formatRight: formatPct,
  });
  const columns = [
    { label: 'monthCol', field: 'key' },
    count('receivedCol', 'received.total'),
    count('resolvedCol', 'resolved.total'),
    count('overdueNowCol', 'inProgress.overdue'),
    percent('onTimeRateCol', 'onTimeRate'),
  ];
  fill('view-trend', chart, table({ caption: title, columns, rows: report.rows, total: report.total }));
}

function renderOverdue(report) {
  const title = t('overdueTitle');
  const link = (code) => {
    const a = document.createElement('a');
    a.href = `#history/${encodeURIComponent(code)}`;
    a.textContent = code;
    a.setAttribute('aria-label', t('historyLink', { code }));
    a.className = 'history-link';
    return a;
  };
  const columns = [
    { label: 'codeCol', field: 'code', render: link },
    { label: 'procedureCol', field: 'procedureCode' },
    { label: 'agencyCol', field: 'agencyCode' },
    { label: 'channel', field: 'channel', render: (v) => t(v) },
    { label: 'receivedAtCol', field: 'receivedAt', render: formatDate },
    { label: 'dueAtCol', field: 'dueAt', render: formatInstant },
    { label: 'overdueDaysCol', field: 'overdueWorkingDays', numeric: true, render: formatDecimal },
    { label: 'reasonsCol', field: 'reasons', render: (reasons) => reasons.map((r) => t(r)).join('; ') },
  ];
  const note = paragraph(
    t('overdueTotal', {
      total: formatInt(report.total),
      asOf: formatInstant(report.asOf),
      shown: OVERDUE_PAGE_SIZE,
    }),
  );
  note.dataset.total = String(report.total);
  fill('view-overdue', null, table({ caption: title, columns, rows: report.rows }), note);
}

function renderDigitization(report) {
  const title = t('digitizationTitle');
  const rates = [
    ['digitizationRate', 'digitizationRateCol', 'series-1'],
    ['electronicResultRate', 'electronicResultRateCol', 'series-2'],
    ['reuseRate', 'reuseRateCol', 'series-3'],
  ];
  const rows = report.rows;
  const chart = barChart({
    label: t('chartOf', { title }),
    categories: [...rows.map((r) => r.key), t('total')],
    series: rates.map(([field, label, className]) => ({
      name: t(label),
      className,
      values: [...rows, report.total].map((r) => r[field]),
    })),
    format: formatPct,
  });
  const levels = barChart({
    label: t('chartOf', { title: t('levelsTitle') }),
    categories: [...rows.map((r) => r.key), t('total')],
    series: [
      {
        name: t('structuredCol'),
        className: 'series-2',
        values: [...rows, report.total].map((r) => (r.scanOnlyShare === null ? null : 1 - r.scanOnlyShare)),
      },
      {
        name: t('scanOnlyCol'),
        className: 'series-4',
        values: [...rows, report.total].map((r) => r.scanOnlyShare),
      },
    ],
    format: formatPct,
  });
  const columns = [
    { label: 'agencyCol', field: 'key' },
    count('receivedCol', 'received'),
    count('withDigitizedCol', 'withDigitizedComponents'),
    percent('digitizationRateCol', 'digitizationRate'),
    percent('electronicResultRateCol', 'electronicResultRate'),
    percent('reuseRateCol', 'reuseRate'),
    count('scannedCol', 'scannedDocuments'),
    count('scanOnlyCol', 'scanOnlyDocuments'),
    percent('scanOnlyShareCol', 'scanOnlyShare'),
    percent('validSignatureRateCol', 'validSignatureRate'),
  ];
  const chartBox = $('#view-digitization .chart');
  fill('view-digitization', chart, table({ caption: title, columns, rows, total: report.total }));
  const levelsTitle = Object.assign(document.createElement('h3'), { textContent: t('levelsTitle') });
  chartBox.append(levelsTitle, levels);
}

/** The 8-working-hour confirmation of online dossiers: the share per agency, over the rounds judged. */
function renderConfirmation(report) {
  const title = t('confirmationTitle');
  const rows = report.rows;
  const chart = barChart({
    label: t('chartOf', { title }),
    categories: [...rows.map((r) => r.key), t('total')],
    series: [
      {
        name: t('confirmationShareCol'),
        className: 'series-1',
        values: [...rows, report.total].map((r) => r.onTimeShare),
      },
    ],
    format: formatPct,
  });
  const columns = [
    { label: 'agencyCol', field: 'key' },
    count('onlineReceivedCol', 'received'),
    count('confirmedOnTimeCol', 'onTime'),
    count('confirmedLateCol', 'late'),
    count('pendingCol', 'pending'),
    count('judgedCol', 'judged'),
    percent('confirmationShareCol', 'onTimeShare'),
  ];
  fill(
    'view-confirmation',
    rows.length ? chart : null,
    table({ caption: title, columns, rows, total: report.total }),
    paragraph(t('confirmationNote')),
  );
}

/** Where each measure comes from: the report that counts it, from the events of the service that owns the facts. */
const MEASURE_SOURCES = {
  processed: 'source_sla',
  onTime: 'source_sla',
  late: 'source_sla',
  received: 'source_intake',
  receivedOnline: 'source_intake',
  feeBearing: 'source_intake',
  paidOnline: 'source_intake',
  complaints: 'source_intake',
  resolvedReceived: 'source_intake',
  withElectronicResult: 'source_digitization',
  digitizedWithElectronicResult: 'source_digitization',
  withReusedComponents: 'source_digitization',
};

function sourceText(indicator) {
  const { formula } = indicator;
  if (formula.kind === 'not-measured') return t('notMeasured');
  const ratios = formula.kind === 'ratio' ? [formula] : formula.terms;
  const sources = new Set(
    ratios.flatMap((r) => [MEASURE_SOURCES[r.numerator], MEASURE_SOURCES[r.denominator]]),
  );
  return [...sources].map((key) => t(key)).join('; ');
}

function formulaText(indicator) {
  const { formula } = indicator;
  if (formula.kind === 'not-measured') return t('notMeasured');
  const ratio = (r) => `${t(`m_${r.numerator}`)} ÷ ${t(`m_${r.denominator}`)}`;
  const text = formula.kind === 'ratio' ? ratio(formula) : `100% − (${formula.terms.map(ratio).join(' + ')})`;
  return indicator.threshold < 1
    ? `${text} (${t('fullFrom', { threshold: formatPct(indicator.threshold) })})`
    : text;
}

function renderIndicators(report) {
  const title = t('indicatorsTitle');
  const measured = report.indicators.filter((i) => i.measured);
  const chart = barChart({
    label: t('chartOf', { title }),
    categories: measured.map((i) => (state.lang === 'vi' ? i.nameVi : i.nameEn)),
    series: [
      {
        name: t('pointsCol'),
        className: 'series-1',
        values: measured.map((i) => (i.points ?? 0) / i.maxPoints),
      },
    ],
    labelWidth: 330,
    format: (share) => formatPct(share),
  });
  const columns = [
    { label: 'indicatorCol', field: 'id', render: (_, i) => (state.lang === 'vi' ? i.nameVi : i.nameEn) },
    { label: 'formulaCol', render: (_, i) => formulaText(i) },
    { label: 'sourceCol', render: (_, i) => sourceText(i) },
    percent('valueCol', 'rate'),
    {
      label: 'pointsCol',
      field: 'points',
      numeric: true,
      render: (points, i) => `${formatDecimal(points)} / ${formatInt(i.maxPoints)}`,
    },
  ];
  const note = paragraph(
    t('pointsTotal', {
      points: formatDecimal(report.points),
      max: formatInt(report.maxPointsMeasured),
      version: report.formula.version,
    }),
  );
  note.dataset.points = String(report.points);
  fill('view-indicators', chart, table({ caption: title, columns, rows: report.indicators }), note);
  $('#view-indicators .table-box').append(paragraph(t('sourceText', { source: report.formula.source })));
}

function renderAll() {
  if (!state.data) return;
  renderSla(state.data.sla);
  renderTrend(state.data.trend);
  renderOverdue(state.data.overdue);
  renderDigitization(state.data.digitization);
  renderConfirmation(state.data.confirmation);
  renderIndicators(state.data.indicators);
  const { sla } = state.data;
  $('#status').textContent = t('loaded', { asOf: formatInstant(sla.asOf), from: sla.from, to: sla.to });
}

// ---- filters ----------------------------------------------------------------------------------------------------

const pad = (n) => String(n).padStart(2, '0');
const lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The report period (from, to: YYYY-MM-DD, `to` included) of the period filter. */
export function periodOf(kind, { month, quarter, year, from, to }) {
  if (kind === 'month') {
    const [y, m] = month.split('-').map(Number);
    return { from: `${month}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  }
  if (kind === 'quarter') {
    const last = Number(quarter) * 3;
    return {
      from: `${year}-${pad(last - 2)}-01`,
      to: `${year}-${pad(last)}-${pad(lastDay(Number(year), last))}`,
    };
  }
  if (kind === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  return { from, to };
}

function readFilters() {
  const kind = $('#period-kind').value;
  const period = periodOf(kind, {
    month: $('#period-month').value,
    quarter: $('#period-quarter').value,
    year: $('#period-year').value,
    from: $('#period-from').value,
    to: $('#period-to').value,
  });
  return {
    ...period,
    agencyCode: $('#agency').value,
    procedureCode: $('#procedure').value,
    channel: $('#channel').value,
  };
}

/** The reports' query for the filters: the period (unless `now`, for the dossiers overdue now) and the scope. */
export function queryOf(filters, extra = {}, { now = false } = {}) {
  const params = new URLSearchParams();
  if (!now) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  for (const key of ['agencyCode', 'procedureCode', 'channel'])
    if (filters[key]) params.set(key, filters[key]);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** Each view's report query: the same one its CSV/XLSX buttons ask for. */
const REPORT_QUERIES = {
  sla: (f) => `/reports/sla?${queryOf(f, { groupBy: 'agency' })}`,
  trend: (f) => `/reports/sla?${queryOf(f, { groupBy: 'month' })}`,
  overdue: (f) => `/reports/overdue?${queryOf(f, { pageSize: OVERDUE_PAGE_SIZE }, { now: true })}`,
  digitization: (f) => `/reports/digitization?${queryOf(f, { groupBy: 'agency' })}`,
  confirmation: (f) => `/reports/online-confirmation?${queryOf(f, { groupBy: 'agency' })}`,
  indicators: (f) => `/reports/indicators?${queryOf(f)}`,
};

function showPeriodInputs() {
  const kind = $('#period-kind').value;
  for (const box of document.querySelectorAll('[data-period]')) {
    box.hidden = !box.dataset.period.split(' ').includes(kind);
  }
}

function option(value, text) {
  const node = document.createElement('option');
  node.value = value;
  node.textContent = text;
  return node;
}

function fillChoices(options) {
  $('#agency').replaceChildren(
    ...options.agencies.map((code) =>
      option(code === '*' ? '' : code, code === '*' ? t('allAgencies') : code),
    ),
  );
  $('#agency').value = options.scope === '*' ? '' : options.scope;
  $('#procedure').replaceChildren(
    option('', t('all')),
    ...options.procedures.map((code) => option(code, code)),
  );
  $('#channel').replaceChildren(option('', t('all')), ...options.channels.map((c) => option(c, t(c))));
}

/** Today in Vietnam (YYYY-MM-DD), the calendar the reports' periods are in, whatever the browser's time zone. */
const vietnamToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

function setDefaultPeriod() {
  const today = vietnamToday();
  const [year, month] = today.split('-').map(Number);
  $('#period-year').value = String(year);
  $('#period-month').value = today.slice(0, 7);
  $('#period-quarter').value = String(Math.floor((month - 1) / 3) + 1);
  $('#period-from').value = `${year}-01-01`;
  $('#period-to').value = today;
  $('#period-kind').value = 'year';
  showPeriodInputs();
}

// ---- loading ----------------------------------------------------------------------------------------------------

function setState(value) {
  document.body.dataset.state = value;
}

function failed(error) {
  if (error instanceof ApiError && error.status === 401) return signOut(t('badToken'));
  setState('error');
  $('#status').textContent = t('failed', { detail: error.message });
}

async function loadReports() {
  const filters = readFilters();
  state.filters = filters;
  setState('loading');
  $('#status').textContent = t('loading');
  try {
    const entries = await Promise.all(
      Object.entries(REPORT_QUERIES).map(async ([view, query]) => [view, await json(query(filters))]),
    );
    state.data = Object.fromEntries(entries);
    renderAll();
    setState('ready');
  } catch (error) {
    failed(error);
  }
}

async function download(view, format) {
  const response = await api(`${REPORT_QUERIES[view](state.filters)}&format=${format}`);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${view}.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- history ----------------------------------------------------------------------------------------------------

function renderHistory() {
  const { code, history, error } = state.history;
  $('#history-title').textContent = t('historyTitle', { code });
  const box = $('#view-history .table-box');
  if (error) return box.replaceChildren(paragraph(t('historyFailed', { detail: error })));
  const columns = [
    { label: 'seqCol', field: 'seq', numeric: true },
    { label: 'actionCol', field: 'action', render: (v) => t(`a_${v}`) },
    { label: 'fromStatusCol', field: 'fromStatus', render: (v) => (v ? t(`s_${v}`) : '–') },
    { label: 'toStatusCol', field: 'toStatus', render: (v) => t(`s_${v}`) },
    { label: 'atCol', field: 'at', render: formatInstant },
    { label: 'dueAtCol', field: 'dueAt', render: formatInstant },
    { label: 'reasonCol', field: 'reason' },
  ];
  box.replaceChildren(table({ caption: t('historyTitle', { code }), columns, rows: history.entries }));
}

async function showHistory(code) {
  $('#view-history').hidden = false;
  state.history = { code, history: null, error: null };
  setState('loading');
  try {
    state.history.history = await json(`/dashboard/dossiers/${encodeURIComponent(code)}/history`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signOut(t('badToken'));
    state.history.error = error.message;
  }
  renderHistory();
  setState('ready');
  $('#history-title').focus();
}

function route() {
  const match = /^#history\/(.+)$/.exec(location.hash);
  if (match && sessionStorage.getItem(TOKEN_KEY)) return showHistory(decodeURIComponent(match[1]));
  $('#view-history').hidden = true;
  state.history = null;
}

// ---- sign-in and language ---------------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]'))
    node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  document.title = t('title');
  for (const select of ['#procedure', '#channel']) {
    const first = $(`${select} option[value=""]`);
    if (first) first.textContent = t('all');
  }
  for (const node of document.querySelectorAll('#channel option'))
    if (node.value) node.textContent = t(node.value);
  const national = $('#agency option[value=""]');
  if (national) national.textContent = t('allAgencies');
  renderAll();
  if (state.history) renderHistory();
}

async function showDashboard() {
  $('#sign-in').hidden = true;
  $('#dashboard').hidden = false;
  $('#sign-out').hidden = false;
  setState('loading');
  try {
    fillChoices(await json('/dashboard/options'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return signOut(t('forbidden'));
    return failed(error);
  }
  setDefaultPeriod();
  await loadReports();
  await route();
}

function signOut(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  state.data = null;
  state.history = null;
  $('#dashboard').hidden = true;
  $('#sign-out').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-error').textContent = message;
  setState('signed-out');
  $('#token').focus();
}

function start() {
  buildViews();
  applyLanguage();
  $('#sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('#token')
      .value.trim()
      .replace(/^Bearer\s+/i, '');
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#token').value = '';
    $('#sign-in-error').textContent = '';
    void showDashboard();
  });
  $('#sign-out').addEventListener('click', () => signOut());
  $('#lang').addEventListener('click', () => {
    state.lang = state.lang === 'vi' ? 'en' : 'vi';
    sessionStorage.setItem(LANG_KEY, state.lang);
    applyLanguage();
  });
  $('#print').addEventListener('click', () => window.print());
  $('#period-kind').addEventListener('change', showPeriodInputs);
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    void loadReports();
  });
  for (const button of document.querySelectorAll('[data-export]')) {
    button.addEventListener('click', () =>
      download(button.dataset.export, button.dataset.format).catch(failed),
    );
  }
  window.addEventListener('hashchange', () => void route());
  if (sessionStorage.getItem(TOKEN_KEY)) void showDashboard();
  else signOut();
}

start();
