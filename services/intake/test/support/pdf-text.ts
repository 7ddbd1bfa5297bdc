// Reads back what a printed form says: the pages' text through each font's ToUnicode map (pdfkit's output).
import { inflateSync } from 'node:zlib';

// --- A small PDF text extractor: enough for what pdfkit writes (Type0 fonts with ToUnicode CMaps). ---

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = header.lastIndex;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const dataStart = start + streamAt + 'stream'.length + (text[start + streamAt + 6] === '\r' ? 2 : 1);
    const raw = pdf.subarray(dataStart, dataStart + length);
    objects.set(Number(match[1]), {
      dict,
      stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw,
    });
    header.lastIndex = end;
  }
  return objects;
}

const utf16be = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(parseInt(src, 16), utf16be(dst));
    }
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      if (dst.startsWith('[')) {
        [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, d], i) => map.set(from + i, utf16be(d)));
      } else {
        const base = Buffer.from(dst.slice(1, -1), 'hex');
        for (let code = from; code <= to; code++) {
          const value = Buffer.from(base);
          value.writeUInt16BE(value.readUInt16BE(value.length - 2) + (code - from), value.length - 2);
          map.set(code, value.swap16().toString('utf16le'));
        }
      }
    }
  }
  return map;
}

/**
 * The text of every page, decoded through the fonts' ToUnicode maps: one line per baseline,
 * then whitespace collapsed so that phrases wrapped across lines still match.
 */
export function extractText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const lines: string[] = [];
  for (const page of objects.values()) {
    if (!/\/Type \/Page\b/.test(page.dict)) continue;
    let resources = page.dict.slice(page.dict.indexOf('/Resources'));
    const resourcesRef = /^\/Resources (\d+) 0 R/.exec(resources);
    if (resourcesRef) resources = objects.get(Number(resourcesRef[1]))!.dict;
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const cmaps = new Map<string, Map<number, string>>();
    for (const [, name, id] of fontDict.matchAll(/\/(\S+) (\d+) 0 R/g)) {
      const font = objects.get(Number(id))!;
      cmaps.set(name, parseToUnicode(objects.get(ref(font.dict, 'ToUnicode'))!.stream!.toString('latin1')));
    }
    const content = objects.get(ref(page.dict, 'Contents'))!.stream!.toString('latin1');
    let cmap = new Map<number, string>();
    let y: string | undefined;
    let line = '';
    const tokens = /\/(\S+) [\d.]+ Tf|[\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+ ([\d.-]+) Tm|<([0-9a-fA-F]*)>/g;
    for (const [, fontName, tmY, hex] of content.matchAll(tokens)) {
      if (fontName) cmap = cmaps.get(fontName)!;
      else if (tmY !== undefined) {
        if (y !== undefined && tmY !== y) {
          lines.push(line);
          line = '';
        }
        y = tmY;
      } else if (hex) {
        for (let i = 0; i < hex.length; i += 4)
          line += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
      }
    }
    lines.push(line);
  }
  return lines.join('\n').replace(/\s+/g, ' ');
}
