import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { IsolatedStack, REPO_ROOT, startIsolatedStack, tokenFor, waitFor } from '@motcua/testing';

/**
 * The auditors' dashboard in a real browser (Debian's headless Chromium, installed by `npm test`): sign in with a
 * token, set filters, every view's table holds the JSON report's figures for the same filters, an overdue dossier's
 * link opens its history from intake, an export downloads the report's own CSV. Screenshots of each view go to
 * .local/artifacts/dashboard/.
 */
// The callbacks given to page.evaluate and $eval run in the browser: the few DOM names they use (the repository's
// type check has no DOM library, which would clash with node's web types).
interface DomNode {
  id: string;
  lang: string;
  textContent: string | null;
  value: string;
  hidden: boolean;
  dataset: Record<string, string | undefined>;
  labels?: { length: number } | null;
  offsetParent: unknown;
  parentElement: DomNode | null;
  focus(): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
}
declare const document: {
  body: DomNode;
  activeElement: DomNode | null;
  cookie: string;
  getElementById(id: string): DomNode | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
};
declare const sessionStorage: { getItem(key: string): string | null };
declare const localStorage: { length: number };
declare function getComputedStyle(node: DomNode): { color: string; backgroundColor: string; display: string };

const ARTIFACTS = join(REPO_ROOT, '.local/artifacts/dashboard');
const CHROMIUM = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';
const DEPT_12 = '000.00.12.H49';
const DEPT_13 = '000.00.13.H49';
const VIEWS = ['sla', 'trend', 'overdue', 'digitization', 'confirmation', 'indicators'] as const;

type Cells = Record<string, unknown>;
interface ShownRow {
  key: string;
  cells: Cells;
}

describe('the auditors dashboard in a browser', () => {
  let system: IsolatedStack;
  let browser: Browser;
  let page: Page;
  let auditor: string;
  let overdueCode: string;
  const problems: string[] = [];
  const downloads = mkdtempSync(join(tmpdir(), 'motcua-dashboard-'));

  const metrics = () => system.stack.url('metrics');
  const intake = () => system.stack.url('intake');

  async function call(url: string, token: string, init: RequestInit = {}) {
    const response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    if (!response.ok)
      throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  }

  const report = (path: string) => call(`${metrics()}${path}`, auditor);

  const applicant = (n: number) => ({
    idNumber: `0012030${String(n).padStart(5, '0')}`,
    fullName: 'Trần Văn Bình',
    dateOfBirth: '2003-05-14',
    sex: 'MALE',
  });

  async function seed() {
    const clerk12 = await tokenFor(system.infra, 'clerk', DEPT_12, 'clerk-12');
    const clerk13 = await tokenFor(system.infra, 'clerk', DEPT_13, 'clerk-13');
    const portal = await tokenFor(
      system.infra,
      'citizen_portal',
      '000.00.00.H49',
      'portal',
      applicant(4).idNumber,
    );
    const create = (token: string, agencyCode: string, channel: string, n: number) =>
      call(`${intake()}/dossiers`, token, {
        method: 'POST',
        headers: { 'idempotency-key': `dashboard-${n}-${Date.now()}` },
        body: JSON.stringify({ procedureCode: '1.001193', agencyCode, channel, applicant: applicant(n) }),
      }) as Promise<{ code: string }>;
    const act = (token: string, code: string, action: string, reason?: string) =>
      call(`${intake()}/dossiers/${code}/actions`, token, {
        method: 'POST',
        body: JSON.stringify({ action, ...(reason ? { reason } : {}) }),
      });

    const direct12 = [];
    for (let n = 1; n <= 3; n += 1) direct12.push(await create(clerk12, DEPT_12, 'DIRECT', n));
    // A supplement asked twice makes a dossier late by rule: overdue now (DOMAIN.md §4).
    overdueCode = direct12[0].code;
    for (let round = 0; round < 2; round += 1) {
      await act(clerk12, overdueCode, 'REQUEST_SUPPLEMENT', 'Thiếu bản sao giấy chứng sinh');
      await act(clerk12, overdueCode, 'RECEIVE_SUPPLEMENT');
    }
    const online13 = await create(portal, DEPT_13, 'ONLINE', 4);
    await act(clerk13, online13.code, 'ACCEPT');
    const refused13 = await create(clerk13, DEPT_13, 'DIRECT', 5);
    await act(clerk13, refused13.code, 'REJECT', 'Không thuộc thẩm quyền');
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The dashboard reads metrics and, for a dossier's history, intake: the other four are not needed.
    system = await startIsolatedStack('dashboard', 4400, undefined, ['intake', 'metrics']);
    auditor = await tokenFor(system.infra, 'auditor', '000.00.00.H49', 'auditor-dashboard');
    await seed();
    await waitFor(
      async () => {
        // Each dossier's last event applied: all five received, the refusal, the overdue one back from supplements,
        // the online one accepted (confirmed within 8 working hours).
        const sla = (await report('/reports/sla')) as {
          total: { received: { total: number }; notResolved: { refused: number } };
        };
        const overdue = (await report('/reports/overdue')) as { rows: { code: string }[] };
        const confirmation = (await report('/reports/online-confirmation')) as { total: { onTime: number } };
        const settled =
          confirmation.total.onTime === 1 &&
          sla.total.received.total === 5 &&
          sla.total.notResolved.refused === 1 &&
          overdue.rows.some((r) => r.code === overdueCode);
        return settled ? true : undefined;
      },
      { what: 'the seeded dossiers in the reports', timeoutMs: 60_000 },
    );
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1360, height: 900 });
    page.on('console', (message) => {
      // The refused sign-in's 401 is logged by the browser itself; anything else (a CSP violation) is a fault.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    const session = await browser.target().createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    rmSync(downloads, { recursive: true, force: true });
  });

  const shot = async (name: string, selector?: string) => {
    const path = join(ARTIFACTS, `${name}.png`) as `${string}.png`;
    if (selector) await (await page.$(selector))!.screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  };

  const ready = () =>
    page.waitForFunction(
      () => document.body.dataset.state === 'ready' || document.body.dataset.state === 'error',
    );

  /** The rows a view's table shows: each cell's JSON value, as the page put it there. */
  const shown = (view: string): Promise<ShownRow[]> =>
    page.$$eval(`#view-${view} table tbody tr, #view-${view} table tfoot tr`, (trs) =>
      trs
        .filter((tr) => tr.querySelector('[data-field]'))
        .map((tr) => ({
          key: (tr as DomNode).dataset.key ?? '',
          cells: Object.fromEntries(
            [...tr.querySelectorAll('[data-field]')].map((c) => [
              c.dataset.field,
              JSON.parse(c.dataset.value!),
            ]),
          ),
        })),
    );

  const pick = (row: Record<string, unknown>, fields: string[]): Cells =>
    Object.fromEntries(
      fields.map((f) => [
        f,
        f.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], row) ?? null,
      ]),
    );

  /** The page's filters as the reports' query (what the page asks for; the test asks the API the same). */
  const filterQuery = () =>
    page.evaluate(() => {
      const value = (id: string) => (document.getElementById(id) as DomNode).value;
      return { agencyCode: value('agency'), procedureCode: value('procedure'), channel: value('channel') };
    });

  async function expectViewsEqualReports(from: string, to: string) {
    const scope = Object.entries(await filterQuery())
      .filter(([, v]) => v)
      .map(([k, v]) => `&${k}=${encodeURIComponent(v)}`)
      .join('');
    const period = `from=${from}&to=${to}`;
    const sla = (await report(`/reports/sla?${period}${scope}&groupBy=agency`)) as {
      rows: Record<string, unknown>[];
      total: Record<string, unknown>;
    };
    const slaFields = [
      'key',
      'received.total',
      'resolved.total',
      'resolved.late',
      'inProgress.total',
      'inProgress.overdue',
      'onTimeRate',
    ];
    const slaShown = await shown('sla');
    expect(slaShown.map((r) => r.cells)).toEqual(
      [
        ...[...sla.rows].sort(
          (a, b) =>
            ((b.onTimeRate as number) ?? -1) - ((a.onTimeRate as number) ?? -1) ||
            String(a.key).localeCompare(String(b.key)),
        ),
        sla.total,
      ].map((r) => pick(r, slaFields)),
    );

    const trend = (await report(`/reports/sla?${period}${scope}&groupBy=month`)) as typeof sla;
    const trendFields = ['key', 'received.total', 'resolved.total', 'inProgress.overdue', 'onTimeRate'];
    expect((await shown('trend')).map((r) => r.cells)).toEqual(
      [...trend.rows, trend.total].map((r) => pick(r, trendFields)),
    );

    const overdue = (await report(`/reports/overdue?${scope.slice(1)}&pageSize=100`)) as {
      rows: Record<string, unknown>[];
    };
    const overdueFields = [
      'code',
      'procedureCode',
      'agencyCode',
      'channel',
      'receivedAt',
      'dueAt',
      'overdueWorkingDays',
      'reasons',
    ];
    expect((await shown('overdue')).map((r) => r.cells)).toEqual(
      overdue.rows.map((r) => pick(r, overdueFields)),
    );

    const digitization = (await report(
      `/reports/digitization?${period}${scope}&groupBy=agency`,
    )) as typeof sla;
    const digitizationFields = [
      'key',
      'received',
      'withDigitizedComponents',
      'digitizationRate',
      'electronicResultRate',
      'reuseRate',
      'scannedDocuments',
      'scanOnlyDocuments',
      'scanOnlyShare',
      'validSignatureRate',
    ];
    expect((await shown('digitization')).map((r) => r.cells)).toEqual(
      [...digitization.rows, digitization.total].map((r) => pick(r, digitizationFields)),
    );

    const confirmation = (await report(
      `/reports/online-confirmation?${period}${scope}&groupBy=agency`,
    )) as typeof sla;
    const confirmationFields = ['key', 'received', 'onTime', 'late', 'pending', 'judged', 'onTimeShare'];
    expect((await shown('confirmation')).map((r) => r.cells)).toEqual(
      [...confirmation.rows, confirmation.total].map((r) => pick(r, confirmationFields)),
    );

    const indicators = (await report(`/reports/indicators?${period}${scope}`)) as {
      indicators: Record<string, unknown>[];
      points: number;
    };
    expect((await shown('indicators')).map((r) => r.cells)).toEqual(
      indicators.indicators.map((r) => pick(r, ['id', 'rate', 'points'])),
    );
    expect(
      await page.$eval('#view-indicators [data-points]', (n) => Number((n as DomNode).dataset.points)),
    ).toBe(indicators.points);
    return { sla, overdue, confirmation };
  }

  it('serves the page with its own scripts only (CSP), and signs in with a token typed at the keyboard', async () => {
    const response = await page.goto(`${metrics()}/dashboard`, { waitUntil: 'networkidle0' });
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForFunction(() => document.body.dataset.state === 'signed-out');
    expect(await page.$eval('html', (n) => n.lang)).toBe('vi');
    await shot('sign-in');

    // Keyboard only: Tab from the top reaches the token field, Enter on the button signs in.
    await page.$eval('body', (b) => (b as DomNode).focus());
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'token'; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('token');
    await page.keyboard.type('not-a-token');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('sign-in-error')!.textContent !== '');
    expect(await page.$eval('#sign-in-error', (n) => n.textContent)).toBe(
      'Mã truy cập không hợp lệ hoặc đã hết hạn.',
    );

    await page.focus('#token');
    await page.keyboard.type(auditor);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await ready();
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');
    // The token is kept for this tab's session only: no cookie, nothing in localStorage.
    expect(await page.evaluate(() => sessionStorage.getItem('motcua.dashboard.token'))).toBe(auditor);
    expect(await page.evaluate(() => [localStorage.length, document.cookie])).toEqual([0, '']);
  });

  it("shows every view with the JSON report's figures for the default period (this year)", async () => {
    const year = await page.$eval('#period-year', (n) => (n as DomNode).value);
    const { sla, overdue, confirmation } = await expectViewsEqualReports(`${year}-01-01`, `${year}-12-31`);
    expect(sla.rows.map((r) => r.key).sort()).toEqual([DEPT_12, DEPT_13]);
    // The one online dossier, accepted at once: confirmed within 8 working hours.
    expect(confirmation.rows).toMatchObject([
      { key: DEPT_13, received: 1, onTime: 1, judged: 1, onTimeShare: 1 },
    ]);
    expect(overdue.rows.map((r) => r.code)).toContain(overdueCode);
    // Bars sorted by on-time rate and coloured by band.
    const bands = await page.$$eval('#view-sla .chart rect', (rects) =>
      rects.map((r) => r.getAttribute('class')),
    );
    expect(bands).toHaveLength(2);
    for (const band of bands) expect(band).toMatch(/^band-(good|fair|poor|none)$/);
    await shot('full-page');
    for (const view of VIEWS) await shot(`view-${view}`, `#view-${view}`);
  });

  it('applies the filters: a month, one department, one channel', async () => {
    const month = await page.$eval('#period-month', (n) => (n as DomNode).value);
    await page.select('#period-kind', 'month');
    await page.select('#agency', DEPT_12);
    await page.select('#channel', 'DIRECT');
    await page.click('#apply');
    await ready();
    const [y, m] = month.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const { sla, overdue } = await expectViewsEqualReports(`${month}-01`, `${month}-${last}`);
    expect(sla.rows.map((r) => r.key)).toEqual([DEPT_12]);
    expect((sla.total as { received: { total: number } }).received.total).toBe(3);
    expect(overdue.rows.map((r) => r.code)).toEqual([overdueCode]);
    await shot('filtered-month-dept12-direct');

    // A quarter and a custom period give the period they say.
    await page.select('#period-kind', 'quarter');
    await page.click('#apply');
    await ready();
    const quarter = Number(await page.$eval('#period-quarter', (n) => (n as DomNode).value));
    const qLast = quarter * 3;
    await expectViewsEqualReports(
      `${y}-${String(qLast - 2).padStart(2, '0')}-01`,
      `${y}-${String(qLast).padStart(2, '0')}-${new Date(Date.UTC(y, qLast, 0)).getUTCDate()}`,
    );
  });

  it("follows an overdue dossier's link to its history, read from intake", async () => {
    await page.click(`#view-overdue a.history-link`);
    await page.waitForFunction(() => !document.getElementById('view-history')!.hidden);
    await ready();
    expect(page.url()).toContain(`#history/${overdueCode}`);
    const history = (await call(`${intake()}/dossiers/${overdueCode}/history`, auditor)) as {
      entries: Record<string, unknown>[];
    };
    expect((await shown('history')).map((r) => r.cells)).toEqual(
      history.entries.map((e) =>
        pick(e, ['seq', 'action', 'fromStatus', 'toStatus', 'at', 'dueAt', 'reason']),
      ),
    );
    expect(history.entries.filter((e) => e.action === 'REQUEST_SUPPLEMENT')).toHaveLength(2);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('history-title');
    await shot('view-history', '#view-history');
  });

  it("downloads the CSV export, byte for byte the report's", async () => {
    await page.click('#view-sla button[data-format="csv"]');
    const file = await waitFor(async () => readdirSync(downloads).find((f) => f.endsWith('.csv')), {
      what: 'the downloaded CSV',
      timeoutMs: 15_000,
    });
    const query = await page.evaluate(() => {
      const v = (id: string) => (document.getElementById(id) as DomNode).value;
      return { agency: v('agency'), channel: v('channel') };
    });
    const month = await page.$eval('#period-month', (n) => (n as DomNode).value);
    const [y, m] = month.split('-').map(Number);
    const quarter = Math.floor((m - 1) / 3) + 1;
    const from = `${y}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
    const to = `${y}-${String(quarter * 3).padStart(2, '0')}-${new Date(Date.UTC(y, quarter * 3, 0)).getUTCDate()}`;
    const expected = await fetch(
      `${metrics()}/reports/sla?from=${from}&to=${to}&agencyCode=${query.agency}&channel=${query.channel}&groupBy=agency&format=csv`,
      { headers: { authorization: `Bearer ${auditor}` } },
    );
    expect(readFileSync(join(downloads, file))).toEqual(Buffer.from(await expected.arrayBuffer()));
  });

  it('switches to English, keeps labels on every control and readable contrast, and prints every view', async () => {
    await page.click('#lang');
    expect(await page.$eval('html', (n) => n.lang)).toBe('en');
    expect(await page.$eval('h1', (n) => n.textContent)).toBe(
      'Administrative-procedure processing dashboard',
    );
    expect(await page.$eval('#view-sla caption', (n) => n.textContent)).toBe('On-time rate per agency');
    await shot('english', '#view-sla');

    const unlabelled = await page.$$eval('input, select, textarea', (controls) =>
      controls.filter((c) => (c as DomNode).labels?.length === 0).map((c) => c.id),
    );
    expect(unlabelled).toEqual([]);

    // WCAG contrast of every visible text against the background it is drawn on: at least 4.5:1.
    const lowContrast = await page.evaluate(() => {
      const luminance = (color: string) => {
        const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
        const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const background = (node: DomNode | null): string => {
        for (let n: DomNode | null = node; n; n = n.parentElement) {
          const color = getComputedStyle(n).backgroundColor;
          if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
        }
        return 'rgb(255, 255, 255)';
      };
      const selector = 'th, td, label, .band, .note, a, caption, button, h1, h2, legend';
      return [...document.querySelectorAll(selector)]
        .filter((n) => n.offsetParent !== null && n.textContent!.trim())
        .map((n) => {
          const [a, b] = [luminance(getComputedStyle(n).color), luminance(background(n))];
          return {
            text: n.textContent!.trim().slice(0, 30),
            ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
          };
        })
        .filter((n) => n.ratio < 4.5);
    });
    expect(lowContrast).toEqual([]);

    await page.emulateMediaType('print');
    await shot('print');
    const pdf = await page.pdf({ path: join(ARTIFACTS, 'print.pdf'), format: 'A4', landscape: true });
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(await page.$eval('#filters', (n) => getComputedStyle(n).display)).toBe('none');
    await page.emulateMediaType('screen');
    expect(problems).toEqual([]);
  });
});
