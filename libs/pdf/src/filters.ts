import { constants, inflateSync } from 'node:zlib';
import { malformed, PdfError } from './errors';
import { isDict, isInteger, PdfName, type PdfDict, type PdfStream, type PdfValue } from './objects';

/** Caps the output of every decode (deflate bombs) and of all decodes of one document together. */
export class InflateBudget {
  private used = 0;

  constructor(
    readonly maxPerStream: number,
    readonly maxTotal: number,
  ) {}

  inflate(data: Uint8Array): Buffer {
    const remaining = this.maxTotal - this.used;
    const cap = Math.min(this.maxPerStream, remaining);
    if (cap <= 0) throw new PdfError('LIMIT_EXCEEDED', 'inflate budget of the document exhausted');
    let out: Buffer;
    try {
      // Sync flush accepts streams without the final Adler-32 (frequent in real PDFs).
      out = inflateSync(data, { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new PdfError('LIMIT_EXCEEDED', `inflated stream larger than ${cap} bytes`);
      }
      throw malformed(`corrupt Flate stream: ${(error as Error).message}`);
    }
    this.used += out.length;
    return out;
  }
}

function filterNames(
  dict: PdfDict,
  resolve: (value: PdfValue | undefined) => PdfValue | undefined,
): string[] {
  const filter = resolve(dict.get('Filter'));
  if (filter === undefined || filter === null) return [];
  if (filter instanceof PdfName) return [filter.name];
  if (Array.isArray(filter)) {
    return filter.map((item) => {
      const value = resolve(item);
      if (!(value instanceof PdfName)) throw malformed('filter is not a name');
      return value.name;
    });
  }
  throw malformed('invalid /Filter');
}

function decodeParams(
  dict: PdfDict,
  index: number,
  resolve: (value: PdfValue | undefined) => PdfValue | undefined,
): PdfDict | undefined {
  const params = resolve(dict.get('DecodeParms'));
  const item = Array.isArray(params) ? resolve(params[index]) : params;
  return isDict(item) ? item : undefined;
}

/** Decodes a stream's data through its filters (FlateDecode with predictors, ASCIIHexDecode). */
export function decodeStream(
  stream: PdfStream,
  budget: InflateBudget,
  resolve: (value: PdfValue | undefined) => PdfValue | undefined = (value) => value,
): Uint8Array {
  let data: Uint8Array = stream.data;
  const names = filterNames(stream.dict, resolve);
  names.forEach((name, index) => {
    if (name === 'FlateDecode' || name === 'Fl') {
      data = applyPredictor(budget.inflate(data), decodeParams(stream.dict, index, resolve), budget);
    } else if (name === 'ASCIIHexDecode' || name === 'AHx') {
      data = asciiHexDecode(data);
    } else {
      throw new PdfError('UNSUPPORTED', `filter ${name} is not supported`);
    }
  });
  return data;
}

function asciiHexDecode(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data).toString('latin1');
  const end = text.indexOf('>');
  const hex = (end >= 0 ? text.slice(0, end) : text).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw malformed('invalid ASCIIHex data');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

/** PNG predictors (10–15) as used by cross-reference streams; TIFF predictor 2 is refused. */
function applyPredictor(data: Uint8Array, params: PdfDict | undefined, budget: InflateBudget): Uint8Array {
  const predictor = params?.get('Predictor');
  if (predictor === undefined || predictor === 1) return data;
  if (!isInteger(predictor) || predictor < 10 || predictor > 15) {
    throw new PdfError('UNSUPPORTED', `predictor ${String(predictor)} is not supported`);
  }
  const colorsValue = params?.get('Colors');
  const bitsValue = params?.get('BitsPerComponent');
  const columnsValue = params?.get('Columns');
  const colors = isInteger(colorsValue) ? colorsValue : 1;
  const bits = isInteger(bitsValue) ? bitsValue : 8;
  const columns = isInteger(columnsValue) ? columnsValue : 1;
  if (
    colors < 1 ||
    colors > 32 ||
    ![1, 2, 4, 8, 16].includes(bits) ||
    columns < 1 ||
    columns > budget.maxPerStream
  ) {
    throw malformed('invalid predictor parameters');
  }
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  let previous = new Uint8Array(rowLength);
  for (let r = 0; r < rows; r += 1) {
    const type = data[r * (rowLength + 1)];
    const row = data.subarray(r * (rowLength + 1) + 1, (r + 1) * (rowLength + 1));
    const current = out.subarray(r * rowLength, (r + 1) * rowLength);
    for (let i = 0; i < rowLength; i += 1) {
      const left = i >= bpp ? current[i - bpp] : 0;
      const up = previous[i];
      const upLeft = i >= bpp ? previous[i - bpp] : 0;
      let value: number;
      switch (type) {
        case 0:
          value = row[i];
          break;
        case 1:
          value = row[i] + left;
          break;
        case 2:
          value = row[i] + up;
          break;
        case 3:
          value = row[i] + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          value = row[i] + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw malformed(`invalid PNG predictor row type ${type}`);
      }
      current[i] = value & 0xff;
    }
    previous = current;
  }
  return out;
}
