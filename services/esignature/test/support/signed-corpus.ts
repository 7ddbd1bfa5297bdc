// A corpus of signed PDFs made at test time: honest documents (single and several signatures, certified
// P=1/2/3, PAdES-LT with a DSS added and replaced, document timestamps, form filling, annotations) and
// attacks (incremental content changes, disguised objects, shadow hide/replace, broken cross-references,
// ByteRange and universal-signature-forgery variants, pages added and removed). Each case carries the
// verdict this service must give; the agreement test has pyHanko judge the same files.
import {
  appendIncrementalUpdate,
  nextObjectNumber,
  PdfDict,
  PdfDocument,
  PdfRef,
  PdfString,
  serializePdfValue,
  type IncrementalObject,
  type PdfValue,
} from '@motcua/pdf';
import { addDss, buildCms, createPdf, signPdf, type SignPdfOptions } from '@motcua/test-pki';
import type { Indication } from '../../src/verification/outcomes';
import type { Issued, TestPki } from './test-pki';

export interface CorpusCase {
  name: string;
  kind: 'honest' | 'attack';
  file: Uint8Array;
  /** The report's indication this service must give. */
  indication: Indication;
  /** A pattern the first signature's MODIFICATIONS (or the document problem) must match. */
  detail?: RegExp;
}

const withEntries = (dict: PdfDict, changes: Record<string, PdfValue | undefined>): string => {
  const entries = new Map(dict.entries);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) entries.delete(key);
    else entries.set(key, value);
  }
  return serializePdfValue(new PdfDict(entries, 0, 0));
};

const pdfText = (text: string) => new PdfString(Buffer.from(text, 'latin1'), false, 0, 0);

const stream = (content: string, dict = '') =>
  `<< ${dict} /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

function pagesOf(file: Uint8Array) {
  const document = PdfDocument.parse(file);
  const treeRef = document.catalog().get('Pages') as PdfRef;
  const tree = document.resolveDict(treeRef)!;
  const kids = document.resolve(tree.get('Kids')) as PdfRef[];
  return {
    document,
    treeRef,
    tree,
    pages: kids.map((ref) => ({ ref, dict: document.resolveDict(ref)! })),
    rootRef: document.trailer.get('Root') as PdfRef,
    catalog: document.catalog(),
  };
}

const update = (file: Uint8Array, objects: IncrementalObject[], trailer: Record<string, PdfValue> = {}) =>
  appendIncrementalUpdate(file, objects, trailer);

/** Overwrites bytes in place (same length). */
function patch(file: Uint8Array, at: number, text: string): Uint8Array {
  const copy = Buffer.from(file);
  copy.write(text, at, 'latin1');
  return new Uint8Array(copy);
}

const latin1 = (file: Uint8Array) => Buffer.from(file).toString('latin1');

/** The ByteRange of the last signature: where it is written and its four numbers. */
function lastByteRange(file: Uint8Array) {
  const text = latin1(file);
  const at = text.lastIndexOf('/ByteRange [');
  const numbers = /\[(\d+) +(\d+) +(\d+) +(\d+) *\]/.exec(text.slice(at))!.slice(1).map(Number);
  return { at, numbers, text };
}

const rangeText = (numbers: number[]) =>
  `/ByteRange [${numbers.map((n, i) => (i === 0 ? String(n) : String(n).padEnd(10))).join(' ')}]`;

export async function buildSignedCorpus(pki: TestPki): Promise<CorpusCase[]> {
  const blank = await createPdf(1);
  const three = await createPdf(3);
  const sign = (file: Uint8Array, signer: Issued = pki.rsa, extra: Partial<SignPdfOptions> = {}) =>
    signPdf(file, { signer, chain: [pki.ca], ...extra });
  const timestamp = (file: Uint8Array) => signPdf(file, { kind: 'timestamp', tsa: pki.tsa, chain: [pki.ca] });

  // A form: a text field "HoTen" and AcroForm default resources with one font.
  const form = (() => {
    const { pages, rootRef, catalog, document } = pagesOf(blank);
    const next = nextObjectNumber(document);
    return update(blank, [
      {
        num: next,
        body: `<< /Type /Annot /Subtype /Widget /FT /Tx /T (HoTen) /V (Nguyen) /Rect [50 50 200 70] /P ${pages[0].ref.num} 0 R >>`,
      },
      { num: next + 1, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
      {
        num: next + 2,
        body: `<< /Fields [${next} 0 R] /DR << /Font << /Helv ${next + 1} 0 R >> >> /DA (/Helv 0 Tf 0 g) >>`,
      },
      { num: rootRef.num, body: withEntries(catalog, { AcroForm: new PdfRef(next + 2, 0) }) },
      { num: pages[0].ref.num, body: withEntries(pages[0].dict, { Annots: [new PdfRef(next, 0)] }) },
    ]);
  })();
  const fieldOf = (file: Uint8Array, name: string) => {
    const document = PdfDocument.parse(file);
    const acro = document.resolveDict(document.catalog().get('AcroForm'))!;
    for (const ref of document.resolve(acro.get('Fields')) as PdfRef[]) {
      const dict = document.resolveDict(ref)!;
      const title = dict.get('T');
      if (title instanceof PdfString && title.text() === name)
        return { ref, dict, acro, acroRef: document.catalog().get('AcroForm') as PdfRef, document };
    }
    throw new Error(`no field ${name}`);
  };
  const fillIn = (file: Uint8Array) => {
    const { ref, dict } = fieldOf(file, 'HoTen');
    return update(file, [{ num: ref.num, body: withEntries(dict, { V: pdfText('Tran') }) }]);
  };
  const annotate = (file: Uint8Array, rect = '[10 10 30 30]', subtype = 'Text') => {
    const { pages, document } = pagesOf(file);
    const next = nextObjectNumber(document);
    const annots = (document.resolve(pages[0].dict.get('Annots')) as PdfValue[] | undefined) ?? [];
    return update(file, [
      {
        num: next,
        body: `<< /Type /Annot /Subtype /${subtype} /Rect ${rect} /Contents (Ghi chu) /P ${pages[0].ref.num} 0 R >>`,
      },
      {
        num: pages[0].ref.num,
        body: withEntries(pages[0].dict, { Annots: [...annots, new PdfRef(next, 0)] }),
      },
    ]);
  };
  const replaceContent = (
    file: Uint8Array,
    page = 0,
    content = 'BT /F1 24 Tf 72 700 Td (So tien: 500.000.000) Tj ET',
  ) => {
    const { pages } = pagesOf(file);
    const contents = pages[page].dict.get('Contents') as PdfRef;
    return update(file, [{ num: contents.num, body: stream(content) }]);
  };
  /** A page whose /Contents also lists an object that does not exist yet when it is signed. */
  const withDangling = (() => {
    const { pages, document } = pagesOf(blank);
    const missing = nextObjectNumber(document) + 50;
    const contents = pages[0].dict.get('Contents') as PdfRef;
    const file = update(blank, [
      {
        num: pages[0].ref.num,
        body: withEntries(pages[0].dict, { Contents: [contents, new PdfRef(missing, 0)] }),
      },
    ]);
    return { file, missing };
  })();
  const fillDangling = (file: Uint8Array, dict: string) =>
    update(file, [
      { num: withDangling.missing, body: stream('BT /F1 30 Tf 72 600 Td (DA THANH TOAN) Tj ET', dict) },
    ]);

  // Shadow attacks: content planted in the signed revision, revealed afterwards.
  const shadow = (() => {
    const { pages, document } = pagesOf(blank);
    const hidden = nextObjectNumber(document);
    const overlay = hidden + 1;
    const file = update(blank, [
      { num: hidden, body: stream('BT /F1 30 Tf 72 600 Td (HOP DONG DA HUY) Tj ET') },
      // An opaque white square annotation covering the planted text.
      {
        num: overlay,
        body: `<< /Type /Annot /Subtype /Square /Rect [60 580 560 640] /IC [1 1 1] /C [1 1 1] /F 4 /P ${pages[0].ref.num} 0 R >>`,
      },
      {
        num: pages[0].ref.num,
        body: withEntries(pages[0].dict, {
          Contents: [pages[0].dict.get('Contents') as PdfRef, new PdfRef(hidden, 0)],
          Annots: [new PdfRef(overlay, 0)],
        }),
      },
    ]);
    return { file, hidden };
  })();
  const shadowReplaceBase = (() => {
    const { document } = pagesOf(blank);
    const planted = nextObjectNumber(document);
    return {
      file: update(blank, [
        { num: planted, body: stream('BT /F1 24 Tf 72 700 Td (So tien: 900.000.000) Tj ET') },
      ]),
      planted,
    };
  })();

  /** An update whose cross-reference entry for `num` is `shift` bytes off (as shadow-attack tools write). */
  const brokenXref = (file: Uint8Array, num: number, body: string, shift: number) => {
    const updated = Buffer.from(update(file, [{ num, body }]));
    const text = updated.toString('latin1');
    const xrefAt = text.lastIndexOf('\nxref\n') + 1;
    const entryAt = text.indexOf(`${num} 1\n`, xrefAt) + `${num} 1\n`.length;
    const offset = Number(text.slice(entryAt, entryAt + 10));
    updated.write(String(offset + shift).padStart(10, '0'), entryAt, 'latin1');
    return new Uint8Array(updated);
  };

  const base = sign(blank);
  const cases: CorpusCase[] = [];
  const honest = (name: string, file: Uint8Array, detail?: RegExp) =>
    cases.push({ name, kind: 'honest', file, indication: 'TOTAL_PASSED', detail });
  const attack = (name: string, file: Uint8Array, indication: Indication, detail?: RegExp) =>
    cases.push({ name, kind: 'attack', file, indication, detail });

  // ---- honest documents
  honest('single RSA PAdES signature', base, /no later change/);
  honest(
    'single ECDSA adbe.pkcs7.detached signature',
    sign(blank, pki.ecdsa, { subFilter: 'adbe.pkcs7.detached' }),
  );
  honest('signature with a signature timestamp', sign(blank, pki.rsa, { timestampBy: pki.tsa }));
  honest('two signatures', sign(base, pki.ecdsa), /signature/);
  honest('three signatures', sign(sign(base, pki.ecdsa), pki.rsa));
  honest('three-page document, one signature', sign(three));
  honest('certified P=1', sign(blank, pki.rsa, { docMdp: 1 }));
  honest('certified P=2', sign(blank, pki.rsa, { docMdp: 2 }));
  honest('certified P=3', sign(blank, pki.rsa, { docMdp: 3 }));
  honest('certified P=2 then an approval signature', sign(sign(form, pki.rsa, { docMdp: 2 }), pki.ecdsa));
  honest(
    'certified P=2 then form filling',
    fillIn(sign(form, pki.rsa, { docMdp: 2 })),
    /form field filled in/,
  );
  honest(
    'certified P=3 then an annotation',
    annotate(sign(form, pki.rsa, { docMdp: 3 })),
    /annotation added/,
  );
  honest('approval signature then form filling', fillIn(sign(form)), /form field filled in/);
  honest('approval signature then an annotation', annotate(base), /annotation added/);
  honest(
    'approval signature then an annotation over signed page content (named)',
    annotate(base, '[60 680 400 720]', 'FreeText'),
    /annotation added .*visible appearance at \[60 680 400 720\]/,
  );
  const material = { certificates: [pki.ca.certificate.der], crls: [pki.caCrl.der, pki.rootCrl.der] };
  honest('PAdES-LT: DSS added', addDss(base, material), /DSS/);
  honest('PAdES-LT: DSS added then replaced', addDss(addDss(base, material), material), /DSS/);
  honest('document timestamp after a signature', timestamp(base), /document timestamp/);
  honest('PAdES-LTA: DSS then a document timestamp', timestamp(addDss(base, material)));
  honest('certified P=1 then a document timestamp', timestamp(sign(blank, pki.rsa, { docMdp: 1 })));
  // A second signature whose revision adds a font to the AcroForm default resources.
  const withDr = (() => {
    const first = sign(form);
    const { acro, acroRef, document } = fieldOf(first, 'HoTen');
    const font = nextObjectNumber(document);
    const dr = document.resolveDict(acro.get('DR'))!;
    const fonts = new Map(document.resolveDict(dr.get('Font'))!.entries);
    fonts.set('ZaDb', new PdfRef(font, 0));
    const newDr = new PdfDict(new Map([...dr.entries, ['Font', new PdfDict(fonts, 0, 0)]]), 0, 0);
    return sign(
      update(first, [
        { num: font, body: '<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>' },
        { num: acroRef.num, body: withEntries(acro, { DR: newDr }) },
      ]),
      pki.ecdsa,
    );
  })();
  honest('second signature adds a font to /AcroForm /DR', withDr, /form default resources|AcroForm/);
  // A locking signature: the first signature field set read-only (/Ff 1) in the revision of the second.
  const locked = (() => {
    const first = sign(blank, pki.rsa, { fieldName: 'Ky1' });
    const { ref, dict } = fieldOf(first, 'Ky1');
    return sign(update(first, [{ num: ref.num, body: withEntries(dict, { Ff: 1 }) }]), pki.ecdsa);
  })();
  honest('locking signature sets /Ff on the already signed field', locked, /locked/);
  const emptyField = (() => {
    const { pages, rootRef, catalog, document } = pagesOf(blank);
    const next = nextObjectNumber(document);
    return update(blank, [
      {
        num: next,
        body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (ChuaKy) /Rect [0 0 0 0] /P ${pages[0].ref.num} 0 R >>`,
      },
      { num: next + 1, body: `<< /Fields [${next} 0 R] /SigFlags 1 >>` },
      { num: rootRef.num, body: withEntries(catalog, { AcroForm: new PdfRef(next + 1, 0) }) },
      { num: pages[0].ref.num, body: withEntries(pages[0].dict, { Annots: [new PdfRef(next, 0)] }) },
    ]);
  })();
  honest('an empty signature field beside a signature (not a signature)', sign(emptyField));
  const info = (() => {
    const { document } = pagesOf(base);
    const infoRef = document.trailer.get('Info') as PdfRef;
    return update(base, [
      {
        num: infoRef.num,
        body: withEntries(document.resolveDict(infoRef)!, { ModDate: pdfText('D:20261201000000Z') }),
      },
    ]);
  })();
  honest('document information /ModDate updated', info, /modification date/);

  // ---- attacks
  attack('incremental update changes the page content', replaceContent(base), 'TOTAL_FAILED', /changed/);
  attack('incremental update changes page 2 of 3', replaceContent(sign(three), 1), 'TOTAL_FAILED', /changed/);
  attack(
    'disguised object: dangling page content filled by a /Type /XRef stream',
    fillDangling(sign(withDangling.file), '/Type /XRef'),
    'TOTAL_FAILED',
    /\/XRef\).*dangling \(page 1 content\)/,
  );
  attack(
    'disguised object: dangling page content filled by a /Type /ObjStm stream',
    fillDangling(sign(withDangling.file), '/Type /ObjStm /N 0 /First 0'),
    'TOTAL_FAILED',
    /\/ObjStm\).*dangling/,
  );
  attack(
    'dangling page content filled by a plain stream',
    fillDangling(sign(withDangling.file), ''),
    'TOTAL_FAILED',
    /dangling \(page 1 content\)/,
  );
  const shadowSigned = sign(shadow.file);
  const overlayRemoved = (() => {
    const { pages } = pagesOf(shadowSigned);
    const annots = (pages[0].dict.get('Annots') as PdfRef[]).slice(1); // the overlay goes, the widget stays
    return update(shadowSigned, [
      { num: pages[0].ref.num, body: withEntries(pages[0].dict, { Annots: annots }) },
    ]);
  })();
  attack('shadow hide: the covering annotation removed', overlayRemoved, 'TOTAL_FAILED', /\/Annots changed/);
  const replaceSigned = sign(shadowReplaceBase.file);
  const replaced = (() => {
    const { pages } = pagesOf(replaceSigned);
    return update(replaceSigned, [
      {
        num: pages[0].ref.num,
        body: withEntries(pages[0].dict, { Contents: new PdfRef(shadowReplaceBase.planted, 0) }),
      },
    ]);
  })();
  attack('shadow replace: page /Contents pointed at planted content', replaced, 'TOTAL_FAILED', /\/Contents/);
  const hideAndReplace = (() => {
    const { pages } = pagesOf(shadowSigned);
    return update(shadowSigned, [
      {
        num: pages[0].ref.num,
        body: withEntries(pages[0].dict, {
          Contents: new PdfRef(shadow.hidden, 0),
          Annots: (pages[0].dict.get('Annots') as PdfRef[]).slice(1),
        }),
      },
    ]);
  })();
  attack(
    'shadow hide-and-replace: contents swapped, overlay removed',
    hideAndReplace,
    'TOTAL_FAILED',
    /\/Contents|\/Annots/,
  );
  const fontOverwrite = (() => {
    const { pages, document } = pagesOf(base);
    const resources = document.resolveDict(pages[0].dict.get('Resources'))!;
    const font = (document.resolveDict(resources.get('Font'))!.get('F1') as PdfRef).num;
    return update(base, [{ num: font, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>' }]);
  })();
  attack(
    'shadow replace via overwrite: the page font redefined',
    fontOverwrite,
    'TOTAL_FAILED',
    /\/BaseFont.* changed/,
  );
  const contentsNum = (file: Uint8Array) => (pagesOf(file).pages[0].dict.get('Contents') as PdfRef).num;
  attack(
    'broken cross-reference: content redefined, entry 3 bytes off',
    brokenXref(base, contentsNum(base), stream('BT /F1 24 Tf 72 700 Td (500) Tj ET'), 3),
    'TOTAL_FAILED',
    /cross-reference .* cannot be followed/,
  );
  attack(
    'broken cross-reference: content redefined, entry 2 bytes early',
    brokenXref(base, contentsNum(base), stream('BT /F1 24 Tf 72 700 Td (500) Tj ET'), -2),
    'TOTAL_FAILED',
    /changed.*cross-reference .* cannot be followed|cannot be followed/,
  );
  const wrongObject = (() => {
    const { rootRef } = pagesOf(base);
    const text = latin1(base);
    const catalogAt = text.lastIndexOf(`\n${rootRef.num} 0 obj`) + 1;
    const num = contentsNum(base);
    // An update that only re-points the content object at the catalog's bytes.
    const xrefAt = base.length;
    const section = `xref\n${num} 1\n${String(catalogAt).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size ${nextObjectNumber(PdfDocument.parse(base))} /Root ${rootRef.num} 0 R /Prev ${PdfDocument.parse(base).sections[0].offset} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    return new Uint8Array(Buffer.concat([Buffer.from(base), Buffer.from(section, 'latin1')]));
  })();
  attack(
    'broken cross-reference: an entry pointing at another object',
    wrongObject,
    'TOTAL_FAILED',
    /points at byte \d+ \(object/,
  );
  const garbageStartxref = (() => {
    const updated = latin1(replaceContent(base));
    const at = updated.lastIndexOf('startxref\n') + 'startxref\n'.length;
    const end = updated.indexOf('\n', at);
    return new Uint8Array(Buffer.from(updated.slice(0, at) + '999999999' + updated.slice(end), 'latin1'));
  })();
  attack(
    'broken cross-reference: startxref outside the file',
    garbageStartxref,
    'TOTAL_FAILED',
    /cannot be followed/,
  );
  const pageAdded = (() => {
    const { pages, treeRef, tree, document } = pagesOf(base);
    const next = nextObjectNumber(document);
    return update(base, [
      { num: next, body: stream('BT /F1 24 Tf 72 700 Td (Phu luc) Tj ET') },
      {
        num: next + 1,
        body: `<< /Type /Page /Parent ${treeRef.num} 0 R /MediaBox [0 0 612 792] /Contents ${next} 0 R >>`,
      },
      {
        num: treeRef.num,
        body: withEntries(tree, {
          Kids: [...pages.map((p) => p.ref), new PdfRef(next + 1, 0)],
          Count: pages.length + 1,
        }),
      },
    ]);
  })();
  attack('page added after signing', pageAdded, 'TOTAL_FAILED', /\/Kids|\/Count/);
  const pageRemoved = (() => {
    const signedThree = sign(three);
    const { pages, treeRef, tree } = pagesOf(signedThree);
    return update(signedThree, [
      { num: treeRef.num, body: withEntries(tree, { Kids: pages.slice(0, 2).map((p) => p.ref), Count: 2 }) },
    ]);
  })();
  attack('page removed after signing', pageRemoved, 'TOTAL_FAILED', /\/Kids|\/Count/);
  attack('certified P=1 then an annotation', annotate(sign(form, pki.rsa, { docMdp: 1 })), 'TOTAL_FAILED');
  attack('certified P=1 then form filling', fillIn(sign(form, pki.rsa, { docMdp: 1 })), 'TOTAL_FAILED');
  attack(
    'certified P=1 then a second signature',
    sign(sign(blank, pki.rsa, { docMdp: 1 }), pki.ecdsa),
    'TOTAL_FAILED',
    /P=1/,
  );
  attack('certified P=2 then an annotation', annotate(sign(form, pki.rsa, { docMdp: 2 })), 'TOTAL_FAILED');
  attack(
    'junk appended after %%EOF',
    new Uint8Array(Buffer.concat([Buffer.from(base), Buffer.from('<script>x()</script>')])),
    'TOTAL_FAILED',
    /after the last %%EOF/,
  );
  const flipped = Buffer.from(base);
  flipped[10] ^= 0x01;
  attack('a byte flipped inside the signed range', new Uint8Array(flipped), 'TOTAL_FAILED');
  const openAction = (() => {
    const { rootRef, catalog, document } = pagesOf(base);
    const next = nextObjectNumber(document);
    return update(base, [
      { num: next, body: '<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>' },
      { num: rootRef.num, body: withEntries(catalog, { OpenAction: new PdfRef(next, 0) }) },
    ]);
  })();
  attack('catalog /OpenAction JavaScript added', openAction, 'TOTAL_FAILED', /\/OpenAction/);
  const newCatalog = (() => {
    const { catalog, document, pages } = pagesOf(base);
    const next = nextObjectNumber(document);
    return update(
      base,
      [
        { num: next, body: `<< /Type /Pages /Kids [${next + 1} 0 R] /Count 1 >>` },
        {
          num: next + 1,
          body: `<< /Type /Page /Parent ${next} 0 R /MediaBox [0 0 612 792] /Contents ${next + 2} 0 R /Resources ${serializePdfValue(pages[0].dict.get('Resources')!)} >>`,
        },
        { num: next + 2, body: stream('BT /F1 24 Tf 72 700 Td (Ban khac) Tj ET') },
        { num: next + 3, body: withEntries(catalog, { Pages: new PdfRef(next, 0) }) },
      ],
      { Root: new PdfRef(next + 3, 0) },
    );
  })();
  attack('trailer /Root replaced by a new catalog', newCatalog, 'TOTAL_FAILED', /new object/);
  // ByteRange manipulations (signature wrapping and its relatives). The ByteRange is signed, so each also
  // breaks the digest; the point is that none is read as covering the revision.
  const range = lastByteRange(base);
  const [, b, c, d] = range.numbers;
  attack(
    'ByteRange shifted by two bytes',
    patch(base, range.at, rangeText([0, b + 2, c + 2, d - 2])),
    'TOTAL_FAILED',
    undefined,
  );
  attack(
    'ByteRange past the end of the file',
    patch(base, range.at, rangeText([0, b, c, d + 100])),
    'TOTAL_FAILED',
  );
  attack('ByteRange parts overlapping', patch(base, range.at, rangeText([0, c + 10, c, d])), 'TOTAL_FAILED');
  const wrapped = (() => {
    // Signature wrapping: the signed tail is copied after a malicious update and the ByteRange re-pointed at the copy.
    const tail = Buffer.from(base).subarray(c, c + d);
    const evil = Buffer.from(replaceContent(base));
    const copyAt = evil.length;
    const moved = Buffer.concat([evil, tail]);
    moved.write(rangeText([0, b, copyAt, d]), range.at, 'latin1');
    return new Uint8Array(moved);
  })();
  attack(
    'signature wrapping: ByteRange re-pointed at a relocated copy of the signed tail',
    wrapped,
    'TOTAL_FAILED',
  );
  // Universal signature forgery: signature dictionaries that hold no signature.
  const holeStart = latin1(base).indexOf('<', latin1(base).lastIndexOf('/Contents <'));
  attack('USF: /Contents zero-filled', patch(base, holeStart + 1, '0'.repeat(c - b - 2)), 'INDETERMINATE');
  const usfField = (valueBody: string) => {
    const { pages, rootRef, catalog, document } = pagesOf(blank);
    const next = nextObjectNumber(document);
    return update(blank, [
      { num: next, body: valueBody },
      {
        num: next + 1,
        body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Forged) /V ${next} 0 R /Rect [0 0 0 0] /P ${pages[0].ref.num} 0 R >>`,
      },
      { num: next + 2, body: `<< /Fields [${next + 1} 0 R] /SigFlags 3 >>` },
      { num: rootRef.num, body: withEntries(catalog, { AcroForm: new PdfRef(next + 2, 0) }) },
      { num: pages[0].ref.num, body: withEntries(pages[0].dict, { Annots: [new PdfRef(next + 1, 0)] }) },
    ]);
  };
  attack(
    'USF: signature dictionary without /ByteRange or /Contents',
    usfField('<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached >>'),
    'TOTAL_FAILED',
  );
  attack(
    'USF: /ByteRange and /Contents null',
    usfField(
      '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange null /Contents null >>',
    ),
    'TOTAL_FAILED',
  );
  const crafted = signPdf(blank, {
    signer: pki.rsa,
    chain: [pki.ca],
    cms: (parts) => {
      // adbe-revocationInfoArchival whose [0] is primitive instead of an explicitly tagged SEQUENCE.
      const der = Buffer.from(
        buildCms(parts, { signer: pki.rsa, chain: [pki.ca], archivedCrls: [pki.caCrl] }),
      );
      const oid = Buffer.from('06092a864886f72f010108', 'hex');
      const at = der.indexOf(oid) + oid.length;
      // SET { SEQUENCE { [0] ... } }: skip the SET and SEQUENCE headers (long-form lengths).
      let p = at;
      for (let k = 0; k < 2; k += 1) p += 2 + (der[p + 1] & 0x80 ? der[p + 1] & 0x7f : 0);
      if (der[p] !== 0xa0) throw new Error('unexpected archival layout');
      der[p] = 0x80;
      return new Uint8Array(der);
    },
  });
  attack(
    'crafted CMS: primitive [0] inside adbe-revocationInfoArchival',
    crafted,
    'INDETERMINATE',
    /revocationInfoArchival/,
  );
  return cases;
}
