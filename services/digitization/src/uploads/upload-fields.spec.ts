import { ProblemException } from '@motcua/http';
import { parseUploadFields } from './upload-fields';

function errorsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return (error as ProblemException).errors;
  }
  throw new Error('expected a problem');
}

describe('parseUploadFields', () => {
  it('reads the fields and parses data as JSON', () => {
    expect(
      parseUploadFields({
        componentCode: 'TK01',
        kind: 'APPLICATION',
        origin: 'SCANNED_PAPER',
        data: '{"a":1}',
      }),
    ).toEqual({ componentCode: 'TK01', kind: 'APPLICATION', origin: 'SCANNED_PAPER', data: { a: 1 } });
  });

  it('leaves data out when none was sent', () => {
    expect(parseUploadFields({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' })).toEqual({
      componentCode: 'GCS01',
      kind: 'SUPPORTING',
      origin: 'ELECTRONIC',
    });
  });

  it('names every problem at once', () => {
    expect(
      errorsOf(() => parseUploadFields({ componentCode: '../etc', kind: 'PHOTO', data: '{', path: 'x' })),
    ).toEqual([
      { field: 'path', message: 'is not a field of this request' },
      { field: 'componentCode', message: 'must be 1-50 letters, digits, ".", "_" or "-"' },
      { field: 'kind', message: 'must be one of APPLICATION, SUPPORTING, RESULT' },
      { field: 'origin', message: 'is required' },
      { field: 'data', message: 'must be JSON (the extracted data fields)' },
    ]);
  });

  it('refuses extracted data holding a NUL character, which jsonb cannot store', () => {
    const fields = { componentCode: 'TK01', kind: 'APPLICATION', origin: 'ELECTRONIC' };
    expect(errorsOf(() => parseUploadFields({ ...fields, data: '{"hoTen":["An","x\\u0000"]}' }))).toEqual([
      { field: 'data.hoTen[1]', message: 'must not contain the NUL character' },
    ]);
  });

  it('lets a new version inherit what it does not restate', () => {
    expect(
      parseUploadFields(
        { origin: 'ELECTRONIC' },
        { componentCode: 'TK01', kind: 'APPLICATION', origin: 'SCANNED_PAPER' },
      ),
    ).toEqual({ componentCode: 'TK01', kind: 'APPLICATION', origin: 'ELECTRONIC' });
  });
});
