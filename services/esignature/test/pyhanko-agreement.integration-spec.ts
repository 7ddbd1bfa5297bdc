// pyHanko (PyPI, pinned; installed by the test command into .local/tools/pyhanko) judges every document of
// the generated corpus with its difference analysis; the service must agree on intact / not intact and on
// modified / not modified for every signature of every case, except the deliberate disagreements listed
// below (each with its reason; also in the service README). A listed disagreement that no longer occurs
// fails the test too, so the list stays true.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerificationReport } from '../src/verification/verifier';
import { verifyPdf } from '../src/verification/verifier';
import { buildSignedCorpus, type CorpusCase } from './support/signed-corpus';
import { createTestPki } from './support/test-pki';

// Where support/ensure-pyhanko.mjs installs it.
const pyhankoPython = join(__dirname, '../../../.local/tools/pyhanko/bin/python');
const judgeScript = join(__dirname, 'support/pyhanko-judge.py');

/**
 * Intact: the digest and the signature value verify. Modified: the document changed after signing beyond
 * what is permitted (or the ByteRange does not cover a revision). Compared only where both verifiers find
 * the signature intact: over bytes that are not what was signed, "modified since signing" has no meaning.
 */
interface Verdict {
  intact: boolean;
  modified: boolean;
  /** The service's indication for the signature. */
  indication?: string;
}

interface PyhankoSignature {
  field: string;
  kind: string;
  error?: string;
  intact?: boolean;
  valid?: boolean;
  coverage?: string;
  docmdp_ok?: boolean | null;
  modification_level?: string;
  bottom_line?: boolean;
}

/** Cases where the two verifiers deliberately differ, and why (repeated in the service README). */
export const DELIBERATE_DISAGREEMENTS: Record<string, string> = {
  'certified P=3 then an annotation':
    "ISO 32000-2 §12.8.2.2 (Table 257) permits adding annotations under DocMDP P=3; pyHanko's default diff policy has no rule for annotations and reports any as OTHER",
  'approval signature then an annotation':
    "without a certification signature nothing in ISO 32000-2 restricts annotations (the service names them); pyHanko's default policy has no annotation rule",
  'approval signature then an annotation over signed page content (named)':
    'as above; the service names the annotation and the rectangle it draws over the signed page',
  'junk appended after %%EOF':
    'bytes after the last %%EOF are signed by nobody (a polyglot can carry a script there); the service reports them, pyHanko ignores data outside revisions',
};

const serviceVerdicts = (report: VerificationReport): Map<string, Verdict> =>
  new Map(
    report.signatures.map((signature) => {
      const status = (name: string) => signature.checks.find((c) => c.name === name)?.status;
      return [
        signature.fieldName ?? '(no field)',
        {
          intact: status('MESSAGE_DIGEST') === 'OK' && status('SIGNATURE_VALUE') === 'OK',
          modified: status('BYTE_RANGE') === 'NOT_OK' || status('MODIFICATIONS') === 'NOT_OK',
          indication: signature.indication,
        },
      ];
    }),
  );

/** pyHanko's verdict, or undefined when it refuses to evaluate the signature (an exception). */
const pyhankoVerdict = (signature: PyhankoSignature): Verdict | undefined =>
  signature.error
    ? undefined
    : {
        intact: Boolean(signature.intact && signature.valid),
        modified:
          signature.docmdp_ok === false ||
          !['ENTIRE_FILE', 'ENTIRE_REVISION'].includes(signature.coverage ?? ''),
      };

/** Agreement: pyHanko refusing a signature means the service must not pass it either. */
const agree = (service: Verdict | undefined, pyhanko: Verdict | undefined): boolean => {
  if (!service) return false;
  if (!pyhanko) return service.indication !== 'TOTAL_PASSED';
  if (service.intact !== pyhanko.intact) return false;
  return !service.intact || service.modified === pyhanko.modified;
};

describe('agreement with pyHanko on the generated corpus', () => {
  let cases: CorpusCase[];
  let judged: { file: string; error?: string; signatures?: PyhankoSignature[] }[];
  let reports: VerificationReport[];
  let dir: string;

  beforeAll(async () => {
    expect(existsSync(pyhankoPython)).toBe(true); // installed by `npm test` (ensure-pyhanko.mjs)
    const pki = await createTestPki();
    cases = await buildSignedCorpus(pki);
    dir = mkdtempSync(join(tmpdir(), 'motcua-corpus-'));
    writeFileSync(join(dir, 'root.der'), pki.root.certificate.der);
    writeFileSync(join(dir, 'ca.crl'), pki.caCrl.der);
    writeFileSync(join(dir, 'root.crl'), pki.rootCrl.der);
    const files = cases.map((item, i) => {
      const path = join(dir, `${String(i).padStart(2, '0')}.pdf`);
      writeFileSync(path, item.file);
      return path;
    });
    const result = spawnSync(
      pyhankoPython,
      [
        judgeScript,
        'judge',
        join(dir, 'root.der'),
        `${join(dir, 'ca.crl')},${join(dir, 'root.crl')}`,
        ...files,
      ],
      { encoding: 'utf8', timeout: 90_000, maxBuffer: 16 << 20 },
    );
    if (result.status !== 0) throw new Error(`pyHanko judge failed: ${result.stderr || result.error}`);
    judged = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const trust = { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] };
    reports = cases.map((item) => verifyPdf(item.file, { trust }));
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('agrees on intact and modified for every signature of every case (deliberate disagreements listed)', () => {
    const table: string[] = [];
    const disagreements: string[] = [];
    cases.forEach((item, i) => {
      const ours = serviceVerdicts(reports[i]);
      const theirs = judged[i];
      const pairs: { field: string; service?: Verdict; pyhanko?: Verdict; note?: string }[] = [];
      if (theirs.error) {
        // pyHanko cannot read the file at all: it refuses every signature in it.
        for (const [field, verdict] of ours) pairs.push({ field, service: verdict, note: theirs.error });
      } else {
        for (const signature of theirs.signatures ?? [])
          pairs.push({
            field: signature.field,
            service: ours.get(signature.field),
            pyhanko: pyhankoVerdict(signature),
            note: signature.error ?? signature.modification_level,
          });
      }
      let agrees = pairs.length > 0;
      const show = (v?: Verdict) =>
        v ? `${v.intact ? 'intact' : 'NOT intact'}, ${v.modified ? 'MODIFIED' : 'unmodified'}` : 'refused';
      for (const pair of pairs) {
        const same = agree(pair.service, pair.pyhanko);
        if (!same) agrees = false;
        table.push(
          `| ${item.name} | ${pair.field} | ${pair.service?.indication ?? 'absent'}: ${show(pair.service)} | ${show(pair.pyhanko)}${pair.note ? ` (${pair.note.replace(/\|/g, '/').slice(0, 70)})` : ''} | ${same ? 'yes' : 'no'} |`,
        );
      }
      const listed = item.name in DELIBERATE_DISAGREEMENTS;
      if (agrees === listed)
        disagreements.push(`${item.name}: ${listed ? 'listed but agrees now' : 'disagrees'}`);
    });
    console.log(
      ['| case | field | service | pyHanko | agree |', '|---|---|---|---|---|', ...table].join('\n'),
    );
    expect(disagreements).toEqual([]);
  });
});
