/** Why a PDF could not be read. Callers map these to their own answers (400/413/FORMAT_FAILURE). */
export type PdfErrorCode =
  | 'MALFORMED' // the bytes are not a PDF structure we can follow
  | 'LIMIT_EXCEEDED' // nesting, object count, inflate output or similar budget exhausted
  | 'UNSUPPORTED' // valid PDF using a feature this parser does not implement (a filter, encryption)
  | 'ENCRYPTED'; // needs decryption to go further

export class PdfError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = 'PdfError';
  }
}

export const malformed = (message: string, offset?: number): PdfError =>
  new PdfError('MALFORMED', message, offset);
