import ExcelJS from 'exceljs';
import { Kafka } from 'kafkajs';
import { WorkingCalendar } from '@motcua/calendar';
import { Topics } from '@motcua/contracts';
import {
  createTestIsolation,
  describeServiceBasics,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { EventFeed } from './event-feed';
import { MetricsConfig } from '../src/config/metrics.config';
import { metricsService } from '../src/metrics.service-definition';
import { rebuildReadModels } from '../src/rebuild/rebuild';
import { DigitizationReportService } from '../src/reports/digitization-report.service';
import { IndicatorsReportService } from '../src/reports/indicators-report.service';
import { SlaReportService } from '../src/reports/sla-report.service';
import {
  citizenFailed,
  citizenVerified,
  DEPT_12,
  DEPT_13,
  digitized,
  DossierSpec,
  dossierEvents,
  feedback,
  OTHER_PROVINCE,
  P1,
  P2,
  P3,
  payment,
  Published,
  reused,
  signature,
  vn,
} from './scenario';

describeServiceBasics(metricsService);

/*
 * The hand-computed scenario: February 2026, which holds Tết Bính Ngọ (Sat 14 – Sun 22 Feb off; working days
 * 9–13 and 23–27 Feb). Office hours 07:30–11:30 and 13:00–17:00 (480 working minutes a day); a deadline of N
 * working days ends at 17:00 of the N-th working day after the day of receipt. P1 = 3 working days, P2 = 5.
 * Times are Vietnam time. "min" = working minutes on the clock at resolution, pauses excluded.
 *
 * | dossier | agency  | proc | channel | received     | events (Feb)                                                    | deadline        | Feb classification            | min  |
 * |---------|---------|------|---------|--------------|-----------------------------------------------------------------|-----------------|-------------------------------|------|
 * | D1      | dept 12 | P1   | DIRECT  | Mon 02 09:00 | start 02 10:00, resolve Wed 04 10:00, return 04 15:00           | Thu 05 17:00    | resolved EARLY                | 1020 |
 * | D2      | dept 12 | P1   | ONLINE  | Tue 03 20:00 | accept Wed 04 08:00, start 08:30, resolve Mon 09 16:00          | Mon 09 17:00    | resolved ON TIME              | 1830 |
 * | D3      | dept 13 | P2   | DIRECT  | Mon 09 09:00 | start 09:30, resolve Tue 24 10:00 (deadline spans Tết)          | Mon 23 17:00    | resolved LATE                 | 2940 |
 * | D4      | dept 12 | P2   | DIRECT  | Tue 10 08:00 | start 08:30, supplement asked Wed 11 10:00, received Wed 25     | Tue 24 17:00 →  | resolved EARLY (pause of 2340 | 1830 |
 * |         |         |      |         |              | 09:00 (paused over Tết), resolve Fri 27 15:00                   | Tue 03/03 16:00 | min moves the deadline 39 h)  |      |
 * | D5      | dept 13 | P1   | DIRECT  | Wed 04 09:00 | start 09:30, supplement Thu 05 09:00 → Fri 06 09:00, again Mon  | Mon 09 → Tue 10 | resolved LATE (asked twice,   | 1560 |
 * |         |         |      |         |              | 09 10:00 → Tue 10 10:00, resolve Wed 11 11:00                   | → Wed 11 17:00  | though before the deadline)   |      |
 * | D6      | dept 12 | P1   | POSTAL  | Wed 11 09:00 | start 09:30, apology Thu 12 10:00 (new appointment Tue 03/03)   | Mon 23 → 03/03  | in progress, OVERDUE by rule  |      |
 * | D7      | dept 13 | P2   | ONLINE  | Thu 12 21:00 | accept Fri 13 08:00, withdrawn Tue 24 09:00                     | Fri 27 17:00    | withdrawn                     |      |
 * | D8      | dept 12 | P1   | DIRECT  | Mon 23 08:00 | refused Mon 23 10:00                                            | Thu 26 17:00    | refused                       |      |
 * | D9      | dept 12 | P2   | DIRECT  | Thu 29/01    | start 29/01 09:30, resolve Thu 05 11:00                         | Thu 05 17:00    | carried over, ON TIME         | 2520 |
 * | D10     | dept 13 | P1   | DIRECT  | Fri 30/01    | start 30/01 10:00                                               | Wed 04 17:00    | carried over, OVERDUE 12 days |      |
 * | D11     | dept 12 | P2   | ONLINE  | Thu 26 14:00 | accept Fri 27 08:00, start 09:00                                | Fri 06/03 17:00 | in progress, within deadline  |      |
 * | D12     | H50     | P1   | DIRECT  | Mon 02 09:00 | start 10:00 (another province: outside every H49 report)        | Thu 05 17:00    | (national: OVERDUE 11 days)   |      |
 * | D13     | dept 13 | P1   | ONLINE  | Sat 28 10:00 | not yet accepted                                                | none yet        | in progress, within deadline  |      |
 * | D15     | dept 13 | P3   | DIRECT  | Mon 05/01    | resolve Tue 20/01 10:00 (Sat 10/01 is a make-up working day)    | Fri 13/03 17:00 | January: resolved EARLY       | 5820 |
 *
 * SLA, H49, January by month: received 3 (D9 D10 D15, desk), resolved 1 early (D15), in progress 2 within deadline
 *   (D9 due 5 Feb, D10 due 4 Feb); on-time 3/3; average 5820/480 = 12.13 days. January and February together: received
 *   13 (online 4, desk 9), resolved 7 (3, 2, 2), refused 1, withdrawn 1, in progress 4 (2, 2); on-time 7/11 = 0.6364;
 *   average 17520/7/480 = 5.21.
 *
 * SLA, H49, 1–28 Feb (judged at 1 Mar 00:00):
 *   dept 12: received 7 (carried over 1: D9; online 2: D2 D11; desk/post 4: D1 D4 D6 D8); resolved 4 (early D1 D4,
 *            on time D2 D9); refused 1 (D8); in progress 2 (within D11, overdue D6); on-time (2+2+1)/(4+2) = 0.8333;
 *            average (1020+1830+1830+2520)/4/480 = 3.75 days.
 *   dept 13: received 5 (carried over D10; online D7 D13; desk D3 D5); resolved 2, both late (D3 D5); withdrawn 1
 *            (D7); in progress 2 (within D13, overdue D10); on-time 1/4 = 0.25; average (2940+1560)/2/480 = 4.69.
 *   total:   received 12 (2, 4, 6); resolved 6 (2, 2, 2); refused 1, withdrawn 1; in progress 4 (2, 2); on-time
 *            6/10 = 0.6; average 11700/6/480 = 4.06.
 *
 * Documents, applicants, payments, feedback (Feb):
 *   D1 scanned+structured component, electronic result (signature passed), applicant matches, paid online, satisfied
 *   D2 electronic application + a component reused from the e-record store, applicant mismatches, paid online
 *   D3 scan-only component, electronic result (signature failed), registry failed then matched, paid at the desk,
 *      complaint
 *   D4 reused component + scan-only component, corrected on 12 Feb by a structured scan (which replaces it), exempt
 *   D5 electronic application (signature indeterminate), registry failed, paid at the desk
 *   D7 electronic application, unsigned (its report says 0 signatures: not a verification), applicant matches
 *   D11 electronic application whose signature (passed) arrives before the document and before the dossier
 * Digitization, dossiers received in Feb (10): digitized components 7 (D1 D2 D3 D4 D5 D7 D11); resolved 5 (D1-D5),
 *   electronic result 2 (D1 D3) → 0.4; digitized and electronic result 2 → 2/10 = 0.2; reused 2 (D2 D4) → 0.2;
 *   scanned 3 (D1 D3 D4's correction), scan only 1 (D3) → 0.3333; signatures verified 4, valid 2 → 0.5; applicants 3 match,
 *   1 mismatch, 1 failed.
 * Indicators (QD766-2022.1): on time 6/10 → 0.6 × 20 = 12; online 4/10 = 0.4 < 0.5 → 0.4 × 12 / 0.5 = 9.6;
 *   online payment 2/4 (D4 exempt) = 0.5 → 0.5 × 10 / 0.8 = 6.25; satisfaction 1 − (4/10 + 1/10) = 0.5 →
 *   0.5 × 18 / 0.9 = 10; electronic result 0.4 × 6 = 2.4; digitization 0.2 × 8 / 0.8 = 2; reuse 0.2 × 8 / 0.8 = 2.
 *   Total 44.25 of the 82 measured points (public disclosure, 18, is not measured).
 * Overdue at 1 Mar 00:00: D10 (due 4 Feb, 12 working days), D6 (apologised, not past its new appointment).
 *
 * In March (after the period): D6 and D10 resolved, D11 asked twice for a supplement, D13 accepted, D14 received,
 * D2 gets its electronic result, D5 a complaint, D6 its payment, D8 an applicant check, D3's scan a correction.
 * February must not change.
 */

const D: Record<string, DossierSpec> = {
  D1: {
    code: `${DEPT_12}-260202-0001`,
    agency: DEPT_12,
    procedure: P1,
    channel: 'DIRECT',
    receivedAt: vn('2026-02-02 09:00'),
    dueAt: vn('2026-02-05 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-02-02 10:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-05 17:00'),
      },
      {
        action: 'RESOLVE',
        at: vn('2026-02-04 10:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-02-05 17:00'),
        elapsed: 1020,
      },
      { action: 'RETURN_RESULT', at: vn('2026-02-04 15:00'), to: 'RETURNED', dueAt: vn('2026-02-05 17:00') },
    ],
  },
  D2: {
    code: `${DEPT_12}-260203-0001`,
    agency: DEPT_12,
    procedure: P1,
    channel: 'ONLINE',
    receivedAt: vn('2026-02-03 20:00'),
    dueAt: null,
    actions: [
      { action: 'ACCEPT', at: vn('2026-02-04 08:00'), to: 'RECEIVED', dueAt: vn('2026-02-09 17:00') },
      {
        action: 'START_PROCESSING',
        at: vn('2026-02-04 08:30'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-09 17:00'),
      },
      {
        action: 'RESOLVE',
        at: vn('2026-02-09 16:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-02-09 17:00'),
        elapsed: 1830,
      },
    ],
  },
  D3: {
    code: `${DEPT_13}-260209-0001`,
    agency: DEPT_13,
    procedure: P2,
    channel: 'DIRECT',
    receivedAt: vn('2026-02-09 09:00'),
    dueAt: vn('2026-02-23 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-02-09 09:30'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-23 17:00'),
      },
      {
        action: 'RESOLVE',
        at: vn('2026-02-24 10:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-02-23 17:00'),
        elapsed: 2940,
      },
    ],
  },
  D4: {
    code: `${DEPT_12}-260210-0001`,
    agency: DEPT_12,
    procedure: P2,
    channel: 'DIRECT',
    receivedAt: vn('2026-02-10 08:00'),
    dueAt: vn('2026-02-24 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-02-10 08:30'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-24 17:00'),
      },
      {
        action: 'REQUEST_SUPPLEMENT',
        at: vn('2026-02-11 10:00'),
        to: 'SUPPLEMENT_REQUESTED',
        dueAt: vn('2026-02-24 17:00'),
        supplements: 1,
      },
      {
        action: 'RECEIVE_SUPPLEMENT',
        at: vn('2026-02-25 09:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-03-03 16:00'),
        supplements: 1,
      },
      {
        action: 'RESOLVE',
        at: vn('2026-02-27 15:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-03-03 16:00'),
        supplements: 1,
        elapsed: 1830,
      },
    ],
  },
  D5: {
    code: `${DEPT_13}-260204-0001`,
    agency: DEPT_13,
    procedure: P1,
    channel: 'DIRECT',
    receivedAt: vn('2026-02-04 09:00'),
    dueAt: vn('2026-02-09 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-02-04 09:30'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-09 17:00'),
      },
      {
        action: 'REQUEST_SUPPLEMENT',
        at: vn('2026-02-05 09:00'),
        to: 'SUPPLEMENT_REQUESTED',
        dueAt: vn('2026-02-09 17:00'),
        supplements: 1,
      },
      {
        action: 'RECEIVE_SUPPLEMENT',
        at: vn('2026-02-06 09:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-10 17:00'),
        supplements: 1,
      },
      {
        action: 'REQUEST_SUPPLEMENT',
        at: vn('2026-02-09 10:00'),
        to: 'SUPPLEMENT_REQUESTED',
        dueAt: vn('2026-02-10 17:00'),
        supplements: 2,
      },
      {
        action: 'RECEIVE_SUPPLEMENT',
        at: vn('2026-02-10 10:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-11 17:00'),
        supplements: 2,
      },
      {
        action: 'RESOLVE',
        at: vn('2026-02-11 11:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-02-11 17:00'),
        supplements: 2,
        elapsed: 1560,
      },
    ],
  },
  D6: {
    code: `${DEPT_12}-260211-0001`,
    agency: DEPT_12,
    procedure: P1,
    channel: 'POSTAL',
    receivedAt: vn('2026-02-11 09:00'),
    dueAt: vn('2026-02-23 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-02-11 09:30'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-23 17:00'),
      },
      {
        action: 'APOLOGIZE',
        at: vn('2026-02-12 10:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-03-03 17:00'),
        apologized: true,
      },
      // March
      {
        action: 'RESOLVE',
        at: vn('2026-03-02 10:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-03-03 17:00'),
        apologized: true,
        elapsed: 3900,
      },
    ],
  },
  D7: {
    code: `${DEPT_13}-260212-0001`,
    agency: DEPT_13,
    procedure: P2,
    channel: 'ONLINE',
    receivedAt: vn('2026-02-12 21:00'),
    dueAt: null,
    actions: [
      { action: 'ACCEPT', at: vn('2026-02-13 08:00'), to: 'RECEIVED', dueAt: vn('2026-02-27 17:00') },
      { action: 'WITHDRAW', at: vn('2026-02-24 09:00'), to: 'WITHDRAWN', dueAt: vn('2026-02-27 17:00') },
    ],
  },
  D8: {
    code: `${DEPT_12}-260223-0001`,
    agency: DEPT_12,
    procedure: P1,
    channel: 'DIRECT',
    receivedAt: vn('2026-02-23 08:00'),
    dueAt: vn('2026-02-26 17:00'),
    actions: [
      { action: 'REJECT', at: vn('2026-02-23 10:00'), to: 'REJECTED', dueAt: vn('2026-02-26 17:00') },
    ],
  },
  D9: {
    code: `${DEPT_12}-260129-0001`,
    agency: DEPT_12,
    procedure: P2,
    channel: 'DIRECT',
    receivedAt: vn('2026-01-29 09:00'),
    dueAt: vn('2026-02-05 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-01-29 09:30'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-05 17:00'),
      },
      {
        action: 'RESOLVE',
        at: vn('2026-02-05 11:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-02-05 17:00'),
        elapsed: 2520,
      },
    ],
  },
  D10: {
    code: `${DEPT_13}-260130-0001`,
    agency: DEPT_13,
    procedure: P1,
    channel: 'DIRECT',
    receivedAt: vn('2026-01-30 09:00'),
    dueAt: vn('2026-02-04 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-01-30 10:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-04 17:00'),
      },
      // March
      {
        action: 'RESOLVE',
        at: vn('2026-03-02 09:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-02-04 17:00'),
        elapsed: 7680,
      },
    ],
  },
  D11: {
    code: `${DEPT_12}-260226-0001`,
    agency: DEPT_12,
    procedure: P2,
    channel: 'ONLINE',
    receivedAt: vn('2026-02-26 14:00'),
    dueAt: null,
    actions: [
      { action: 'ACCEPT', at: vn('2026-02-27 08:00'), to: 'RECEIVED', dueAt: vn('2026-03-06 17:00') },
      {
        action: 'START_PROCESSING',
        at: vn('2026-02-27 09:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-03-06 17:00'),
      },
      // March
      {
        action: 'REQUEST_SUPPLEMENT',
        at: vn('2026-03-02 09:00'),
        to: 'SUPPLEMENT_REQUESTED',
        dueAt: vn('2026-03-06 17:00'),
        supplements: 1,
      },
      {
        action: 'RECEIVE_SUPPLEMENT',
        at: vn('2026-03-03 09:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-03-09 17:00'),
        supplements: 1,
      },
      {
        action: 'REQUEST_SUPPLEMENT',
        at: vn('2026-03-04 09:00'),
        to: 'SUPPLEMENT_REQUESTED',
        dueAt: vn('2026-03-09 17:00'),
        supplements: 2,
      },
    ],
  },
  D12: {
    code: `${OTHER_PROVINCE}-260202-0001`,
    agency: OTHER_PROVINCE,
    procedure: P1,
    channel: 'DIRECT',
    receivedAt: vn('2026-02-02 09:00'),
    dueAt: vn('2026-02-05 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-02-02 10:00'),
        to: 'PROCESSING',
        dueAt: vn('2026-02-05 17:00'),
      },
    ],
  },
  D13: {
    code: `${DEPT_13}-260228-0001`,
    agency: DEPT_13,
    procedure: P1,
    channel: 'ONLINE',
    receivedAt: vn('2026-02-28 10:00'),
    dueAt: null,
    actions: [
      // March
      { action: 'ACCEPT', at: vn('2026-03-02 08:00'), to: 'RECEIVED', dueAt: vn('2026-03-05 17:00') },
    ],
  },
  D15: {
    code: `${DEPT_13}-260105-0001`,
    agency: DEPT_13,
    procedure: P3,
    channel: 'DIRECT',
    receivedAt: vn('2026-01-05 09:00'),
    dueAt: vn('2026-03-13 17:00'),
    actions: [
      {
        action: 'START_PROCESSING',
        at: vn('2026-01-05 09:30'),
        to: 'PROCESSING',
        dueAt: vn('2026-03-13 17:00'),
      },
      {
        action: 'RESOLVE',
        at: vn('2026-01-20 10:00'),
        to: 'RESOLVED',
        dueAt: vn('2026-03-13 17:00'),
        elapsed: 5820,
      },
    ],
  },
  D14: {
    code: `${DEPT_12}-260302-0001`,
    agency: DEPT_12,
    procedure: P1,
    channel: 'DIRECT',
    receivedAt: vn('2026-03-02 08:00'),
    dueAt: vn('2026-03-05 17:00'),
    actions: [],
  },
};

/** How many of each dossier's actions happen in February. */
const FEBRUARY_ACTIONS: Record<string, number> = {
  D1: 3,
  D2: 3,
  D3: 2,
  D4: 4,
  D5: 6,
  D6: 2,
  D7: 2,
  D8: 1,
  D9: 2,
  D10: 1,
  D11: 2,
  D12: 1,
  D13: 0,
  D15: 2,
};

// Document, signature and citizen events of February, published before any dossier event (they may overtake it).
const februaryOtherTopics: Published[] = [
  digitized(D.D1.code, vn('2026-02-02 09:10'), 'SUPPORTING', 'SCANNED_PAPER', 'STRUCTURED'),
  digitized(D.D1.code, vn('2026-02-04 10:05'), 'RESULT', 'ELECTRONIC', 'STRUCTURED', 'doc-d1-result'),
  signature(D.D1.code, 'doc-d1-result', vn('2026-02-04 10:06'), 'TOTAL_PASSED'),
  digitized(D.D2.code, vn('2026-02-03 20:00'), 'APPLICATION', 'ELECTRONIC', 'STRUCTURED'),
  reused(D.D2.code, vn('2026-02-03 20:01')),
  digitized(D.D3.code, vn('2026-02-09 09:05'), 'SUPPORTING', 'SCANNED_PAPER', 'SCAN_ONLY', 'doc-d3-scan'),
  digitized(D.D3.code, vn('2026-02-24 10:00'), 'RESULT', 'ELECTRONIC', 'STRUCTURED', 'doc-d3-result'),
  signature(D.D3.code, 'doc-d3-result', vn('2026-02-24 10:01'), 'TOTAL_FAILED'),
  reused(D.D4.code, vn('2026-02-10 08:05')),
  digitized(D.D4.code, vn('2026-02-10 08:10'), 'SUPPORTING', 'SCANNED_PAPER', 'SCAN_ONLY', 'doc-d4-scan'),
  // A correction: the scan is redone with its data extracted; the first version stops counting.
  digitized(
    D.D4.code,
    vn('2026-02-12 09:00'),
    'SUPPORTING',
    'SCANNED_PAPER',
    'STRUCTURED',
    'doc-d4-scan-2',
    'doc-d4-scan',
  ),
  digitized(D.D5.code, vn('2026-02-04 09:05'), 'APPLICATION', 'ELECTRONIC', 'STRUCTURED', 'doc-d5-app'),
  signature(D.D5.code, 'doc-d5-app', vn('2026-02-04 09:06'), 'INDETERMINATE'),
  digitized(D.D7.code, vn('2026-02-12 21:00'), 'APPLICATION', 'ELECTRONIC', 'STRUCTURED', 'doc-d7-app'),
  // An unsigned file: no signature to count, valid or not.
  signature(D.D7.code, 'doc-d7-app', vn('2026-02-12 21:02'), 'INDETERMINATE', 0),
  signature(D.D11.code, 'doc-d11-app', vn('2026-02-26 14:05'), 'TOTAL_PASSED'),
  digitized(D.D11.code, vn('2026-02-26 14:00'), 'APPLICATION', 'ELECTRONIC', 'STRUCTURED', 'doc-d11-app'),
  digitized(D.D12.code, vn('2026-02-02 09:10'), 'SUPPORTING', 'SCANNED_PAPER', 'SCAN_ONLY'),
  citizenVerified(D.D1.code, vn('2026-02-02 09:01'), true),
  citizenVerified(D.D2.code, vn('2026-02-03 20:02'), false),
  // The later check first: the latest by time wins whatever the delivery order.
  citizenVerified(D.D3.code, vn('2026-02-09 10:00'), true),
  citizenFailed(D.D3.code, vn('2026-02-09 09:01')),
  citizenFailed(D.D5.code, vn('2026-02-04 09:01')),
  citizenVerified(D.D7.code, vn('2026-02-12 21:01'), true),
];

const februaryRecords: Record<string, Published[]> = {
  D1: [payment(D.D1, vn('2026-02-02 09:05'), 'PAID_ONLINE'), feedback(D.D1, vn('2026-02-05 08:00'), false)],
  D2: [payment(D.D2, vn('2026-02-03 20:05'), 'PAID_ONLINE')],
  D3: [payment(D.D3, vn('2026-02-09 09:10'), 'PAID_AT_DESK'), feedback(D.D3, vn('2026-02-25 08:00'), true)],
  D4: [payment(D.D4, vn('2026-02-10 08:10'), 'EXEMPT')],
  D5: [payment(D.D5, vn('2026-02-04 09:10'), 'PAID_AT_DESK')],
};

const februaryDossierTopic: Published[] = Object.entries(FEBRUARY_ACTIONS).flatMap(([id, count]) => [
  ...dossierEvents(D[id], 0, count),
  ...(februaryRecords[id] ?? []),
]);

const march: Published[] = [
  ...dossierEvents(D.D6, 2),
  ...dossierEvents(D.D10, 1),
  ...dossierEvents(D.D11, 2),
  ...dossierEvents(D.D13, 0).filter((p) => p.event.type !== 'vn.motcua.dossier.received.v1'),
  ...dossierEvents(D.D14),
  payment(D.D6, vn('2026-03-02 11:00'), 'PAID_AT_DESK'),
  feedback(D.D5, vn('2026-03-02 08:00'), true),
  digitized(D.D2.code, vn('2026-03-02 10:00'), 'RESULT', 'ELECTRONIC', 'STRUCTURED'),
  citizenVerified(D.D8.code, vn('2026-03-02 08:00'), true),
  digitized(
    D.D3.code,
    vn('2026-03-02 09:00'),
    'SUPPORTING',
    'SCANNED_PAPER',
    'STRUCTURED',
    'doc-d3-scan-2',
    'doc-d3-scan',
  ),
];

const FEB = 'from=2026-02-01&to=2026-02-28';

describe('the scenario is consistent with the working-day calendar (libs/calendar)', () => {
  const calendar = new WorkingCalendar();
  const due = (at: string, days: number) => calendar.dueForWorkingDays(new Date(at), days).toISOString();
  const minutes = (from: string, to: string) => calendar.workingMinutesBetween(new Date(from), new Date(to));
  const moved = (dueAt: string, pausedFrom: string, pausedTo: string) =>
    calendar.dueForWorkingHours(new Date(dueAt), minutes(pausedFrom, pausedTo) / 60).toISOString();

  it('has the deadlines the rules give, Tết included', () => {
    expect(due(D.D1.receivedAt, 3)).toBe(D.D1.dueAt);
    expect(due(D.D2.actions[0].at, 3)).toBe(D.D2.actions[0].dueAt);
    expect(due(D.D3.receivedAt, 5)).toBe(D.D3.dueAt);
    expect(due(D.D4.receivedAt, 5)).toBe(D.D4.dueAt);
    expect(due(D.D5.receivedAt, 3)).toBe(D.D5.dueAt);
    expect(due(D.D6.receivedAt, 3)).toBe(D.D6.dueAt);
    expect(due(D.D7.actions[0].at, 5)).toBe(D.D7.actions[0].dueAt);
    expect(due(D.D8.receivedAt, 3)).toBe(D.D8.dueAt);
    expect(due(D.D9.receivedAt, 5)).toBe(D.D9.dueAt);
    expect(due(D.D10.receivedAt, 3)).toBe(D.D10.dueAt);
    expect(due(D.D11.actions[0].at, 5)).toBe(D.D11.actions[0].dueAt);
    expect(due(D.D13.actions[0].at, 3)).toBe(D.D13.actions[0].dueAt);
    expect(due(D.D15.receivedAt, 45)).toBe(D.D15.dueAt);
    // Supplements move the deadline by the working time the clock stood still.
    expect(minutes(D.D4.actions[1].at, D.D4.actions[2].at)).toBe(2340);
    expect(moved(D.D4.dueAt!, D.D4.actions[1].at, D.D4.actions[2].at)).toBe(D.D4.actions[2].dueAt);
    expect(moved(D.D5.dueAt!, D.D5.actions[1].at, D.D5.actions[2].at)).toBe(D.D5.actions[2].dueAt);
    expect(moved(D.D5.actions[2].dueAt!, D.D5.actions[3].at, D.D5.actions[4].at)).toBe(D.D5.actions[4].dueAt);
  });

  it('has the hand-counted working minutes on the clock, pauses excluded', () => {
    expect(minutes(D.D1.receivedAt, D.D1.actions[1].at)).toBe(1020);
    expect(minutes(D.D2.actions[0].at, D.D2.actions[2].at)).toBe(1830);
    expect(minutes(D.D3.receivedAt, D.D3.actions[1].at)).toBe(2940);
    expect(
      minutes(D.D4.receivedAt, D.D4.actions[1].at) + minutes(D.D4.actions[2].at, D.D4.actions[3].at),
    ).toBe(1830);
    expect(
      minutes(D.D5.receivedAt, D.D5.actions[1].at) +
        minutes(D.D5.actions[2].at, D.D5.actions[3].at) +
        minutes(D.D5.actions[4].at, D.D5.actions[5].at),
    ).toBe(1560);
    expect(minutes(D.D9.receivedAt, D.D9.actions[1].at)).toBe(2520);
    expect(minutes(D.D15.receivedAt, D.D15.actions[1].at)).toBe(5820);
    expect(minutes(D.D6.receivedAt, D.D6.actions[2].at)).toBe(3900);
    expect(minutes(D.D10.receivedAt, D.D10.actions[1].at)).toBe(7680);
    expect(minutes(D.D10.dueAt!, vn('2026-03-01 00:00'))).toBe(12 * 480);
    expect(minutes(D.D12.dueAt!, vn('2026-03-01 00:00'))).toBe(11 * 480);
  });
});

describe('metrics: the reports of a hand-computed February, fed by real events', () => {
  let isolation: TestIsolation;
  let metrics: ServiceUnderTest<MetricsConfig>;
  let feed: EventFeed;
  let auditor: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('metrics');
    metrics = await startServiceForTest(metricsService, isolation);
    feed = await EventFeed.open(isolation, 'metrics-test');
    auditor = await tokenFor(isolation.infra, 'auditor', '000.00.00.H49');
  });

  afterAll(async () => {
    await feed?.close();
    await metrics?.close();
    await isolation?.cleanup();
  });

  const publish = (events: Published[]) => feed.publish(events);
  const applied = () => feed.applied();
  const settled = () => feed.settled();

  async function get(path: string, token = auditor, headers: Record<string, string> = {}) {
    const response = await fetch(`${metrics.url}${path}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    return response;
  }
  const json = async (path: string, token = auditor) => {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    return response.json() as Promise<Record<string, unknown>>;
  };

  const slaRow = (
    key: string,
    r: number[],
    s: number[],
    n: number[],
    p: number[],
    onTimeRate: number,
    avg: number,
  ) => ({
    key,
    received: { total: r[0], carriedOver: r[1], online: r[2], directOrPostal: r[3] },
    resolved: { total: s[0], early: s[1], onTime: s[2], late: s[3] },
    notResolved: { total: n[0], refused: n[1], withdrawn: n[2], stopped: n[3] },
    inProgress: { total: p[0], withinDeadline: p[1], overdue: p[2] },
    onTimeRate,
    avgProcessingDays: avg,
  });

  const FEB_DEPT_12 = slaRow(DEPT_12, [7, 1, 2, 4], [4, 2, 2, 0], [1, 1, 0, 0], [2, 1, 1], 0.8333, 3.75);
  const FEB_DEPT_13 = slaRow(DEPT_13, [5, 1, 2, 2], [2, 0, 0, 2], [1, 0, 1, 0], [2, 1, 1], 0.25, 4.69);
  const FEB_TOTAL = slaRow('total', [12, 2, 4, 6], [6, 2, 2, 2], [2, 1, 1, 0], [4, 2, 2], 0.6, 4.06);

  const digitizationRow = (key: string, v: number[], rates: (number | null)[]) => ({
    key,
    received: v[0],
    withDigitizedComponents: v[1],
    resolved: v[2],
    withElectronicResult: v[3],
    electronicResultRate: rates[0],
    digitizedWithElectronicResult: v[4],
    digitizationRate: rates[1],
    withReusedComponents: v[5],
    reuseRate: rates[2],
    scannedDocuments: v[6],
    scanOnlyDocuments: v[7],
    scanOnlyShare: rates[3],
    verifiedDocuments: v[8],
    validSignatureDocuments: v[9],
    validSignatureRate: rates[4],
    applicantsMatched: v[10],
    applicantsMismatched: v[11],
    applicantChecksFailed: v[12],
  });

  const februaryReports = async () => ({
    sla: await json(`/reports/sla?${FEB}&groupBy=agency`),
    slaByMonth: await json(`/reports/sla?from=2026-01-01&to=2026-02-28&groupBy=month`),
    slaP2: await json(`/reports/sla?${FEB}&procedureCode=${P2}&groupBy=procedure`),
    digitization: await json(`/reports/digitization?${FEB}`),
    overdue: await json(`/reports/overdue?${FEB}`),
    indicators: await json(`/reports/indicators?${FEB}`),
  });
  let february: Awaited<ReturnType<typeof februaryReports>>;

  it('folds the events, out of order across topics and redelivered, into every number of February', async () => {
    await publish(februaryOtherTopics);
    await publish(februaryDossierTopic);
    await publish([...februaryOtherTopics, ...februaryDossierTopic]); // redelivery: the same event ids again
    await settled();
    february = await februaryReports();

    expect(february.sla).toEqual({
      asOf: '2026-02-28T17:00:00.000Z',
      from: '2026-02-01',
      to: '2026-02-28',
      agencyCode: '000.00.00.H49',
      procedureCode: null,
      channel: null,
      groupBy: 'agency',
      rows: [FEB_DEPT_12, FEB_DEPT_13],
      total: FEB_TOTAL,
    });

    expect(february.slaByMonth.rows).toEqual([
      slaRow('2026-01', [3, 0, 0, 3], [1, 1, 0, 0], [0, 0, 0, 0], [2, 2, 0], 1, 12.13),
      { ...FEB_TOTAL, key: '2026-02' },
    ]);
    expect(february.slaByMonth.total).toEqual(
      slaRow('total', [13, 0, 4, 9], [7, 3, 2, 2], [2, 1, 1, 0], [4, 2, 2], 0.6364, 5.21),
    );

    expect(february.slaP2.rows).toEqual([
      slaRow(P2, [5, 1, 2, 2], [3, 1, 1, 1], [1, 0, 1, 0], [1, 1, 0], 0.75, 5.06),
    ]);

    expect(february.digitization.rows).toEqual([
      digitizationRow(DEPT_12, [6, 4, 3, 1, 1, 2, 2, 0, 2, 2, 1, 1, 0], [0.3333, 0.1667, 0.3333, 0, 1]),
      digitizationRow(DEPT_13, [4, 3, 2, 1, 1, 0, 1, 1, 2, 0, 2, 0, 1], [0.5, 0.25, 0, 1, 0]),
    ]);
    expect(february.digitization.total).toEqual(
      digitizationRow('total', [10, 7, 5, 2, 2, 2, 3, 1, 4, 2, 3, 1, 1], [0.4, 0.2, 0.2, 0.3333, 0.5]),
    );

    expect(february.overdue).toMatchObject({ asOf: '2026-02-28T17:00:00.000Z', total: 2 });
    expect(february.overdue.rows).toEqual([
      {
        code: D.D10.code,
        agencyCode: DEPT_13,
        procedureCode: P1,
        channel: 'DIRECT',
        status: 'PROCESSING',
        receivedAt: D.D10.receivedAt,
        dueAt: D.D10.dueAt,
        overdueWorkingDays: 12,
        reasons: ['PAST_DUE'],
      },
      {
        code: D.D6.code,
        agencyCode: DEPT_12,
        procedureCode: P1,
        channel: 'POSTAL',
        status: 'PROCESSING',
        receivedAt: D.D6.receivedAt,
        dueAt: vn('2026-03-03 17:00'),
        overdueWorkingDays: 0,
        reasons: ['APOLOGIZED'],
      },
    ]);

    const indicators = february.indicators as {
      formula: { version: string };
      measures: Record<string, number>;
      indicators: { id: string; rate: number | null; points: number | null; measured: boolean }[];
      points: number;
      maxPointsMeasured: number;
    };
    expect(indicators.formula.version).toBe('QD766-2022.1');
    expect(indicators.measures).toEqual({
      processed: 10,
      onTime: 6,
      late: 4,
      received: 10,
      receivedOnline: 4,
      feeBearing: 4,
      paidOnline: 2,
      resolvedReceived: 5,
      withElectronicResult: 2,
      digitizedWithElectronicResult: 2,
      withReusedComponents: 2,
      complaints: 1,
    });
    expect(indicators.indicators.map((i) => [i.id, i.rate, i.points, i.measured])).toEqual([
      ['PUBLIC_DISCLOSURE', null, null, false],
      ['PROCESSING_PROGRESS', 0.6, 12, true],
      ['ONLINE_SERVICES', 0.4, 9.6, true],
      ['ONLINE_PAYMENT', 0.5, 6.25, true],
      ['SATISFACTION', 0.5, 10, true],
      ['ELECTRONIC_RESULT', 0.4, 2.4, true],
      ['DIGITIZATION', 0.2, 2, true],
      ['REUSE', 0.2, 2, true],
    ]);
    expect(indicators.points).toBe(44.25);
    expect(indicators.maxPointsMeasured).toBe(82);
  });

  it('scopes by the token agency subtree: a national auditor sees the other province, a department its own', async () => {
    const national = await tokenFor(isolation.infra, 'auditor', '*');
    const nationalSla = (await json(`/reports/sla?${FEB}`, national)) as { rows: { key: string }[] };
    expect(nationalSla.rows.map((r) => r.key)).toEqual([DEPT_12, OTHER_PROVINCE, DEPT_13]);
    const nationalOverdue = (await json(`/reports/overdue?${FEB}`, national)) as {
      rows: { code: string; overdueWorkingDays: number }[];
    };
    expect(nationalOverdue.rows.map((r) => [r.code, r.overdueWorkingDays])).toEqual([
      [D.D10.code, 12],
      [D.D12.code, 11],
      [D.D6.code, 0],
    ]);

    const department = await tokenFor(isolation.infra, 'auditor', DEPT_12);
    expect((await json(`/reports/sla?${FEB}`, department)).rows).toEqual([FEB_DEPT_12]);
    expect((await get(`/reports/sla?${FEB}&agencyCode=000.00.00.H49`, department)).status).toBe(403);
    expect((await get(`/reports/digitization?${FEB}&agencyCode=${DEPT_13}`, department)).status).toBe(403);

    const clerk = await tokenFor(isolation.infra, 'clerk', '000.00.00.H49');
    for (const report of ['sla', 'digitization', 'overdue', 'indicators']) {
      expect((await get(`/reports/${report}?${FEB}`, clerk)).status).toBe(403);
    }
    expect((await fetch(`${metrics.url}/reports/sla?${FEB}`)).status).toBe(401);
  });

  it('filters by channel: the counts of the three channels add up to the unfiltered ones', async () => {
    type Counts = Record<string, Record<string, unknown>>;
    /** Every count of a report's total (rates and averages are not additive). */
    const countsOf = (total: Counts, groups: string[]) =>
      Object.fromEntries(
        groups.flatMap((g) =>
          Object.entries(total[g] ?? {}).map(([k, v]) => [`${g}.${k}`, typeof v === 'number' ? v : NaN]),
        ),
      );
    const slaGroups = ['received', 'resolved', 'notResolved', 'inProgress'];
    const unfiltered = countsOf(february.sla.total as Counts, slaGroups);
    const byChannel = await Promise.all(
      ['DIRECT', 'ONLINE', 'POSTAL'].map(async (channel) => {
        const report = await json(`/reports/sla?${FEB}&channel=${channel}`);
        expect(report.channel).toBe(channel);
        return countsOf(report.total as Counts, slaGroups);
      }),
    );
    const summed = Object.fromEntries(
      Object.keys(unfiltered).map((k) => [k, byChannel.reduce((sum, c) => sum + c[k], 0)]),
    );
    expect(summed).toEqual(unfiltered);
    expect(byChannel[1]['received.directOrPostal']).toBe(0);
    expect(byChannel[0]['received.online']).toBe(0);
    expect(byChannel[1]['received.online']).toBe(unfiltered['received.online']);

    const digitization = (channel: string) =>
      json(`/reports/digitization?${FEB}&channel=${channel}`).then((r) => r.total as Record<string, number>);
    const [direct, online, postal] = await Promise.all(['DIRECT', 'ONLINE', 'POSTAL'].map(digitization));
    const all = february.digitization.total as Record<string, number>;
    for (const count of ['received', 'scannedDocuments', 'verifiedDocuments']) {
      expect([count, direct[count] + online[count] + postal[count]]).toEqual([count, all[count]]);
    }

    const postalOverdue = (await json(`/reports/overdue?${FEB}&channel=POSTAL`)) as {
      rows: { code: string }[];
    };
    expect(postalOverdue.rows.map((r) => r.code)).toEqual([D.D6.code]);
    const onlineIndicators = (await json(`/reports/indicators?${FEB}&channel=ONLINE`)) as {
      measures: Record<string, number>;
    };
    expect(onlineIndicators.measures.received).toBe(onlineIndicators.measures.receivedOnline);
  });

  it('answers bad filters with problem details', async () => {
    for (const query of [
      'groupBy=week',
      'from=2026-02-30',
      'from=2026-03-01&to=2026-02-01',
      'format=pdf',
      'agencyCode=H49',
      'channel=FAX',
    ]) {
      const response = await get(`/reports/sla?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await get('/reports/overdue?pageSize=5000')).status).toBe(400);
  });

  it('exports CSV (UTF-8 BOM, RFC 4180, Vietnamese headers) and XLSX (numbers as numbers)', async () => {
    const csvResponse = await get(`/reports/sla?${FEB}`, auditor, { accept: 'text/csv' });
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvResponse.headers.get('content-disposition')).toContain('.csv');
    const bytes = Buffer.from(await csvResponse.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Cơ quan,Tổng số hồ sơ tiếp nhận,Kỳ trước chuyển sang,Tiếp nhận mới trực tuyến,' +
        '"Tiếp nhận mới trực tiếp, bưu chính",Đã giải quyết,Giải quyết trước hạn,Giải quyết đúng hạn,' +
        'Giải quyết quá hạn,Từ chối,Rút hồ sơ,Dừng xử lý,Đang giải quyết,Đang giải quyết trong hạn,' +
        'Đang giải quyết quá hạn,Tỷ lệ đúng hạn,Thời gian giải quyết trung bình (ngày làm việc)',
    );
    expect(lines.slice(1)).toEqual([
      `${DEPT_12},7,1,2,4,4,2,2,0,1,0,0,2,1,1,0.8333,3.75`,
      `${DEPT_13},5,1,2,2,2,0,0,2,0,1,0,2,1,1,0.25,4.69`,
      'Tổng cộng,12,2,4,6,6,2,2,2,1,1,0,4,2,2,0.6,4.06',
      '',
    ]);
    // fetch's text() drops a BOM: read the bytes.
    const overdueCsv = Buffer.from(
      await (await get(`/reports/overdue?${FEB}&format=csv`)).arrayBuffer(),
    ).toString('utf8');
    expect(overdueCsv.split('\r\n')[0]).toBe(
      '\uFEFFMã hồ sơ,Cơ quan,Thủ tục hành chính,Kênh tiếp nhận,Trạng thái,Ngày tiếp nhận,Hạn giải quyết,' +
        'Số ngày làm việc quá hạn,Lý do',
    );
    expect(overdueCsv.split('\r\n')).toHaveLength(2 + 2); // header, two rows, trailing CRLF

    for (const report of ['sla', 'digitization', 'overdue', 'indicators']) {
      const response = await get(`/reports/${report}?${FEB}&format=xlsx`);
      expect([report, response.status]).toEqual([report, 200]);
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
      expect(workbook.worksheets.map((s) => s.name)[1]).toBe('Thông tin báo cáo');
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await (await get(`/reports/sla?${FEB}&format=xlsx`)).arrayBuffer()) as never,
    );
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Tình hình giải quyết');
    expect(sheet.getRow(1).getCell(1).value).toBe('Cơ quan');
    expect(sheet.getRow(1).getCell(16).value).toBe('Tỷ lệ đúng hạn');
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(2)).toEqual([DEPT_12, 7, 1, 2, 4, 4, 2, 2, 0, 1, 0, 0, 2, 1, 1, 0.8333, 3.75]);
    expect(values(3)).toEqual([DEPT_13, 5, 1, 2, 2, 2, 0, 0, 2, 0, 1, 0, 2, 1, 1, 0.25, 4.69]);
    expect(values(4)).toEqual(['Tổng cộng', 12, 2, 4, 6, 6, 2, 2, 2, 1, 1, 0, 4, 2, 2, 0.6, 4.06]);
    expect(sheet.getRow(2).getCell(16).numFmt).toBe('0.00%');

    const indicatorsBook = new ExcelJS.Workbook();
    await indicatorsBook.xlsx.load(
      Buffer.from(await (await get(`/reports/indicators?${FEB}&format=xlsx`)).arrayBuffer()) as never,
    );
    const about = indicatorsBook.getWorksheet('Thông tin báo cáo')!;
    const aboutValues = about
      .getSheetValues()
      .slice(2)
      .map((row) => (row as unknown[]).slice(1));
    expect(aboutValues).toContainEqual(['Phiên bản công thức', 'QD766-2022.1']);
    const total = indicatorsBook.worksheets[0].getRow(10); // header, eight indicators, total
    expect([1, 2, 3, 6].map((c) => total.getCell(c).value)).toEqual([
      'TOTAL',
      'Tổng điểm (các chỉ số đo được)',
      82,
      44.25,
    ]);
  });

  it('reports a closed period with the same numbers after later events', async () => {
    await publish(march);
    await settled();
    const march2 = (await json('/reports/sla?from=2026-03-01&to=2026-03-31')) as {
      total: { received: object };
    };
    expect(march2.total.received).toEqual({ total: 5, carriedOver: 4, online: 0, directOrPostal: 1 });
    expect(await februaryReports()).toEqual(february);
  });

  it('keeps a closed period byte-identical after later re-checks (signature, applicant, feedback), which count from their own time', async () => {
    const digitization = metrics.app.get(DigitizationReportService);
    const indicators = metrics.app.get(IndicatorsReportService);
    const national = { sub: 'national', roles: ['auditor' as const], agency: '*' };
    const closed = [
      `/reports/digitization?${FEB}`,
      `/reports/digitization?${FEB}&format=csv`,
      `/reports/digitization?from=2026-01-01&to=2026-03-09&groupBy=month`,
      `/reports/digitization?from=2026-02-10&to=2026-03-09&groupBy=procedure`,
      `/reports/indicators?${FEB}`,
      `/reports/indicators?from=2026-01-01&to=2026-03-09`,
    ];
    const bytes = async () => {
      const bodies: string[] = [];
      for (const path of closed) {
        const response = await get(path);
        expect(response.status).toBe(200);
        bodies.push(Buffer.from(await response.arrayBuffer()).toString('base64'));
      }
      return bodies;
    };
    const closedBefore = await bytes();
    const spring = { from: '2026-02-01', to: '2026-03-31', groupBy: 'agency' as const };
    const springBefore = await digitization.report(spring, national, new Date());
    const springIndicatorsBefore = await indicators.report(spring, national, new Date());

    // After 9 March: esignature re-verifies D5's application after a trust-store update (INDETERMINATE becomes
    // TOTAL_PASSED), data-sharing checks D5's applicant again (FAILED becomes MATCH) and D2's (MISMATCH becomes
    // MATCH), and D3's applicant withdraws the complaint.
    await publish([
      signature(D.D5.code, 'doc-d5-app', vn('2026-03-10 09:00'), 'TOTAL_PASSED'),
      citizenVerified(D.D5.code, vn('2026-03-10 09:30'), true),
      citizenVerified(D.D2.code, vn('2026-03-11 08:00'), true),
      feedback(D.D3, vn('2026-03-12 08:00'), false),
    ]);
    await settled();

    expect(await bytes()).toEqual(closedBefore);
    expect(await februaryReports()).toEqual(february);
    // A period that includes the new instants shows the new results.
    const springAfter = await digitization.report(spring, national, new Date());
    expect(springAfter.total).toEqual({
      ...springBefore.total,
      validSignatureDocuments: springBefore.total.validSignatureDocuments + 1,
      validSignatureRate: expect.any(Number),
      applicantsMatched: springBefore.total.applicantsMatched + 2,
      applicantsMismatched: springBefore.total.applicantsMismatched - 1,
      applicantChecksFailed: springBefore.total.applicantChecksFailed - 1,
    });
    expect(springAfter.total.validSignatureRate).toBeGreaterThan(springBefore.total.validSignatureRate!);
    const springIndicatorsAfter = await indicators.report(spring, national, new Date());
    expect(springIndicatorsAfter.measures).toEqual({
      ...springIndicatorsBefore.measures,
      complaints: springIndicatorsBefore.measures.complaints - 1,
    });
    // Day by day for February's dossiers: by the end of 9 March nothing changed; by the end of 10 March D5's
    // signature passes and its applicant matches; by the end of 11 March D2's applicant matches too.
    const byDay = async (to: string) =>
      (await digitization.report({ from: '2026-02-01', to, groupBy: 'agency' }, national, new Date())).total;
    const nineth = await byDay('2026-03-09');
    const tenth = await byDay('2026-03-10');
    const eleventh = await byDay('2026-03-11');
    expect(tenth.validSignatureDocuments - nineth.validSignatureDocuments).toBe(1);
    expect(tenth.verifiedDocuments).toBe(nineth.verifiedDocuments);
    expect([tenth.applicantsMatched - nineth.applicantsMatched, tenth.applicantChecksFailed]).toEqual([
      1,
      nineth.applicantChecksFailed - 1,
    ]);
    expect([eleventh.applicantsMatched - tenth.applicantsMatched, eleventh.applicantsMismatched]).toEqual([
      1,
      tenth.applicantsMismatched - 1,
    ]);
    // Both ways of computing agree on either side of the re-checks, aligned or not.
    for (const period of [
      { from: '2026-02-01', to: '2026-03-09' },
      { from: '2026-02-01', to: '2026-03-10' },
      { from: '2026-02-01', to: '2026-03-31' },
      { from: '2026-02-15', to: '2026-03-11' },
      { from: '2026-01-01', to: '2026-02-28' },
      { from: '2026-03-10', to: '2026-03-31' },
    ]) {
      const query = { ...period, groupBy: 'agency' as const };
      const now = new Date();
      expect([query, await digitization.report(query, national, now)]).toEqual([
        query,
        await digitization.report(query, national, now, { scan: true }),
      ]);
      expect([period, await indicators.report(period, national, now)]).toEqual([
        period,
        await indicators.report(period, national, now, { scan: true }),
      ]);
    }
  });

  it('answers any period from the monthly read models (and its partial months from the dossiers) with the numbers a scan of every dossier gives', async () => {
    const sla = metrics.app.get(SlaReportService);
    const digitization = metrics.app.get(DigitizationReportService);
    const now = new Date();
    const indicators = metrics.app.get(IndicatorsReportService);
    const periods = [
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-01-01', to: '2026-03-31' },
      { from: '2026-03-01', to: '2026-03-31' },
      { from: '2026-02-01', to: '2026-12-31' },
      { from: '2025-06-01', to: '2025-06-30' }, // no dossier at all: zeros, not nulls
      // Not month-aligned: full months from the monthly read models, the partial months at the edges from the
      // dossiers (and the dossiers of a full month with facts in the partial last month).
      { from: '2026-01-15', to: '2026-02-14' }, // two partial months, no full one
      { from: '2026-02-05', to: '2026-02-20' }, // inside one month
      { from: '2025-12-20', to: '2026-02-10' }, // across a year boundary: D15 (5 Jan) resolved in February
      { from: '2026-01-01', to: '2026-02-11' }, // from a 1st
      { from: '2026-01-10', to: '2026-02-28' }, // to a month's last day
      { from: '2026-01-31', to: '2026-03-01' }, // from a last day to a 1st
      { from: '2026-01-01', to: '2026-03-04' }, // February's dossiers resolved and paid early in March
      { from: '2026-02-16', to: '2027-01-10' }, // ends after now
      { from: '2026-01-10', to: '2026-03-03', procedureCode: P2 }, // one procedure
    ];
    for (const principal of [
      { sub: 'national', roles: ['auditor' as const], agency: '*' },
      { sub: 'dept', roles: ['auditor' as const], agency: DEPT_13 },
    ]) {
      for (const period of periods) {
        for (const groupBy of ['agency', 'procedure', 'month'] as const) {
          const query = { ...period, groupBy };
          const fromFlows = await sla.report(query, principal, now);
          const scanned = await sla.report(query, principal, now, { scan: true });
          expect([principal.agency, query, fromFlows]).toEqual([principal.agency, query, scanned]);
          const digitizationFromMonths = await digitization.report(query, principal, now);
          const digitizationScanned = await digitization.report(query, principal, now, { scan: true });
          expect([principal.agency, query, digitizationFromMonths]).toEqual([
            principal.agency,
            query,
            digitizationScanned,
          ]);
        }
        const indicatorsFromMonths = await indicators.report(period, principal, now);
        const indicatorsScanned = await indicators.report(period, principal, now, { scan: true });
        expect([principal.agency, period, indicatorsFromMonths]).toEqual([
          principal.agency,
          period,
          indicatorsScanned,
        ]);
      }
    }
    // March by hand, judged at 1 April: carried over D6 D10 D11 D13, D14 new; D6 (apologised) and D10 (past due)
    // resolved late, (3900 + 7680) / 2 / 480 = 12.06 days; overdue: D11 (waiting for its second supplement, late by
    // rule), D13 and D14 (due 5 March, never resolved).
    const march = (await json('/reports/sla?from=2026-03-01&to=2026-03-31')) as { total: unknown };
    expect(march.total).toEqual(
      slaRow('total', [5, 4, 0, 1], [2, 0, 0, 2], [0, 0, 0, 0], [3, 0, 3], 0, 12.06),
    );
  });

  it('counts from the dossiers a full month whose facts cancel out in the partial last month of a period', async () => {
    const digitization = metrics.app.get(DigitizationReportService);
    const d16: DossierSpec = {
      code: `${OTHER_PROVINCE}-260410-0001`,
      agency: OTHER_PROVINCE,
      procedure: P1,
      channel: 'ONLINE',
      receivedAt: vn('2026-04-10 09:00'),
      dueAt: vn('2026-04-15 17:00'),
      actions: [],
    };
    await publish([
      ...dossierEvents(d16),
      digitized(d16.code, vn('2026-04-10 09:05'), 'RESULT', 'ELECTRONIC', 'STRUCTURED', 'doc-d16'),
      digitized(
        d16.code,
        vn('2026-05-08 09:00'),
        'RESULT',
        'ELECTRONIC',
        'STRUCTURED',
        'doc-d16-2',
        'doc-d16',
      ),
    ]);
    await settled();
    // The report of the original's signature, verified on 5 May, arrives after its correction of 8 May: in May it
    // counts +1 and -1 at once, yet a period ending on 6 May counts it.
    await publish([signature(d16.code, 'doc-d16', vn('2026-05-05 10:00'), 'TOTAL_PASSED')]);
    await settled();
    const national = { sub: 'national', roles: ['auditor' as const], agency: '*' };
    const now = new Date();
    for (const query of [
      { from: '2026-04-01', to: '2026-05-06', groupBy: 'agency' as const },
      { from: '2026-04-01', to: '2026-05-31', groupBy: 'agency' as const },
    ]) {
      const fromMonths = await digitization.report(query, national, now);
      expect([query, fromMonths]).toEqual([
        query,
        await digitization.report(query, national, now, { scan: true }),
      ]);
      expect(fromMonths.rows.find((r) => r.key === OTHER_PROVINCE)).toMatchObject({
        verifiedDocuments: query.to === '2026-05-06' ? 1 : 0,
        validSignatureDocuments: query.to === '2026-05-06' ? 1 : 0,
      });
    }
  });

  it('rebuilds the read models from the topics with identical reports', async () => {
    const before = await februaryReports();
    const marchBefore = await json('/reports/sla?from=2026-03-01&to=2026-03-31&groupBy=procedure');
    const eventsApplied = await applied();
    await metrics.close();
    await rebuildReadModels(metrics.config);
    expect(await applied()).toBe(0);
    const { rows } = await feed.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${isolation.schema}".dossier_fact`,
    );
    expect(rows[0].n).toBe(0);

    metrics = await startServiceForTest(metricsService, isolation);
    await waitFor(async () => ((await applied()) === eventsApplied ? true : undefined), {
      what: 'the topics replayed',
      timeoutMs: 60_000,
    });
    expect(await februaryReports()).toEqual(before);
    expect(await json('/reports/sla?from=2026-03-01&to=2026-03-31&groupBy=procedure')).toEqual(marchBefore);
  });

  it('refuses to rebuild while the service consumes', async () => {
    await expect(rebuildReadModels(metrics.config)).rejects.toThrow(/stop the metrics service first/);
    expect(await applied()).toBe(feed.published.size);
  });

  it('refuses to rebuild when retention deleted the first events of a topic, unless told to accept the loss', async () => {
    const eventsApplied = await applied();
    const topic = `${isolation.topicPrefix}${Topics.Dossier}`;
    const kafka = new Kafka({ clientId: 'metrics-test-retention', brokers: [isolation.infra.kafkaBrokers] });
    const admin = kafka.admin();
    await admin.connect();
    try {
      // What retention does to an old segment: the partition's first event is gone from the log.
      const [partition] = (await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > 1);
      await admin.deleteTopicRecords({
        topic,
        partitions: [{ partition: partition.partition, offset: '1' }],
      });
    } finally {
      await admin.disconnect();
    }
    await metrics.close();
    try {
      await expect(rebuildReadModels(metrics.config)).rejects.toThrow(/no longer hold their first events/);
      // Refused before anything changed: the read models and the inbox still hold every event.
      expect(await applied()).toBe(eventsApplied);
      const outcome = await rebuildReadModels(metrics.config, 'metrics', { acceptHistoryLoss: true });
      expect(outcome.topics[Topics.Dossier].complete).toBe(false);
      expect(outcome.topics[Topics.Document].complete).toBe(true);
      expect(await applied()).toBe(0);
    } finally {
      metrics = await startServiceForTest(metricsService, isolation);
    }
  });
});
