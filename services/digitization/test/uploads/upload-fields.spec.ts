import { ProblemException } from '@motcua/http';
import { parseUploadFields } from '../../src/uploads/upload-fields';

const said = (en: string, vi: string) => ({ en, vi });

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
      {
        field: 'path',
        message: said('path is not a field of this request', 'path không phải là trường của yêu cầu này'),
      },
      {
        field: 'componentCode',
        message: said(
          'componentCode must be 1-50 letters, digits, ".", "_" or "-"',
          'componentCode phải gồm 1-50 chữ cái, chữ số, ".", "_" hoặc "-"',
        ),
      },
      {
        field: 'kind',
        message: said(
          'kind must be one of APPLICATION, SUPPORTING, RESULT',
          'kind phải là một trong APPLICATION, SUPPORTING, RESULT',
        ),
      },
      { field: 'origin', message: said('origin is required', 'origin là bắt buộc') },
      {
        field: 'data',
        message: said(
          'data must be JSON (the extracted data fields)',
          'data phải là JSON (các trường dữ liệu trích xuất)',
        ),
      },
    ]);
  });

  it('refuses extracted data holding a NUL character, which jsonb cannot store', () => {
    const fields = { componentCode: 'TK01', kind: 'APPLICATION', origin: 'ELECTRONIC' };
    expect(errorsOf(() => parseUploadFields({ ...fields, data: '{"hoTen":["An","x\\u0000"]}' }))).toEqual([
      {
        field: 'data.hoTen[1]',
        message: said(
          'data.hoTen[1] must not contain the NUL character',
          'data.hoTen[1] không được chứa ký tự NUL',
        ),
      },
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
