import { ArgumentsHost, HttpStatus, NotFoundException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { createLogger } from '@motcua/observability';
import { localized, negotiateLanguage } from '../src/i18n/language';
import { jsonPointerOf, ProblemDetailsFilter } from '../src/problem-details.filter';
import { ProblemException } from '../src/problem';
import { createValidationPipe } from '../src/validation';

function answer(exception: unknown, acceptLanguage?: string) {
  const headers: Record<string, string> = {};
  let body: Record<string, unknown> = {};
  const response = {
    headersSent: false,
    getHeader: (name: string) => headers[name.toLowerCase()],
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    status() {
      return this;
    },
    type() {
      return this;
    },
    json(value: Record<string, unknown>) {
      body = value;
      return this;
    },
  };
  const request = {
    method: 'POST',
    originalUrl: '/dossiers',
    headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter(createLogger('language-test', 'silent')).catch(exception, host);
  return { body, headers };
}

class Applicant {
  @Matches(/^\d{12}$/, { message: 'idNumber must be exactly 12 digits' })
  idNumber!: string;
}

class Application {
  @ValidateNested()
  @Type(() => Applicant)
  applicant!: Applicant;

  @IsInt()
  @Min(1)
  @Max(90)
  copies!: number;
}

class Listing {
  @IsString()
  @Matches(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, { message: 'agencyCode must look like 000.00.12.H49' })
  agencyCode!: string;
}

async function refusal(run: Promise<unknown>): Promise<ProblemException> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Accept-Language negotiation', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['vi', 'vi'],
    ['vi-VN', 'vi'],
    ['VI-vn,vi;q=0.9', 'vi'],
    ['en-US,en;q=0.9,vi;q=0.8', 'en'],
    ['fr-FR,vi;q=0.5,en;q=0.4', 'vi'],
    ['fr, de', 'en'],
    ['vi;q=0, en;q=0.1', 'en'],
    ['*', 'en'],
    ['vi;q=abc', 'en'],
  ])('%s → %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});

describe('problem details in the reader’s language', () => {
  const refused = new ProblemException(
    HttpStatus.CONFLICT,
    'payment-already-recorded',
    localized('The fee is already PAID.', 'Lệ phí đã ở trạng thái PAID.'),
    [{ field: 'amountVnd', message: localized('must be 50000', 'amountVnd phải bằng 50000') }],
    { refused: [{ index: 0, detail: localized('gone', 'không còn') }], allowedActions: ['ACCEPT'] },
  );

  it('answers Vietnamese title, detail, field messages and extensions with Accept-Language: vi', () => {
    const { body, headers } = answer(refused, 'vi-VN,vi;q=0.9,en;q=0.5');
    expect(body).toMatchObject({
      title: 'Xung đột với trạng thái hiện tại',
      detail: 'Lệ phí đã ở trạng thái PAID.',
      errors: [{ field: 'amountVnd', message: 'amountVnd phải bằng 50000', pointer: '#/amountVnd' }],
      refused: [{ index: 0, detail: 'không còn' }],
      allowedActions: ['ACCEPT'],
    });
    expect(headers['content-language']).toBe('vi');
    expect(headers.vary).toBe('Accept-Language');
  });

  it('answers English otherwise', () => {
    const { body, headers } = answer(refused);
    expect(body).toMatchObject({ title: 'Conflict', detail: 'The fee is already PAID.' });
    expect(headers['content-language']).toBe('en');
  });

  it('gives framework errors a Vietnamese title and sentence too', () => {
    const { body } = answer(new NotFoundException('Cannot GET /nowhere'), 'vi');
    expect(body).toMatchObject({ status: 404, title: 'Không tìm thấy', detail: 'Không có tài nguyên này.' });
    expect(answer(new NotFoundException('Cannot GET /nowhere')).body.detail).toBe('Cannot GET /nowhere');
  });

  it('never answers a bug in detail, in either language', () => {
    const { body } = answer(new TypeError('secret internals'), 'vi');
    expect(body).toMatchObject({ status: 500, title: 'Lỗi hệ thống' });
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});

describe('errors[] locations', () => {
  const pipe = createValidationPipe();

  it('points into the body with RFC 6901 pointers and says each constraint in Vietnamese', async () => {
    const problem = await refusal(
      pipe.transform({ applicant: { idNumber: '12' }, copies: 0 }, { type: 'body', metatype: Application }),
    );
    const { body } = answer(problem, 'vi');
    expect(body.detail).toBe('Yêu cầu có 2 trường không hợp lệ: applicant.idNumber, copies.');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        {
          field: 'applicant.idNumber',
          pointer: '#/applicant/idNumber',
          message: 'applicant.idNumber phải gồm đúng 12 chữ số',
        },
        { field: 'copies', pointer: '#/copies', message: 'copies phải lớn hơn hoặc bằng 1' },
      ]),
    );
    const english = answer(problem, 'en').body;
    expect(english.detail).toBe('The request has 2 invalid fields: applicant.idNumber, copies.');
    expect(english.errors).toContainEqual({
      field: 'applicant.idNumber',
      pointer: '#/applicant/idNumber',
      message: 'idNumber must be exactly 12 digits',
    });
  });

  it('names a query parameter instead of pointing into a body', async () => {
    const problem = await refusal(
      pipe.transform({ agencyCode: 'H49' }, { type: 'query', metatype: Listing }),
    );
    expect(answer(problem, 'vi').body.errors).toEqual([
      {
        field: 'agencyCode',
        parameter: 'agencyCode',
        message: 'agencyCode phải là mã cơ quan dạng 000.00.12.H49 (QCVN 102:2016)',
      },
    ]);
  });

  it('names a field that is not allowed', async () => {
    const problem = await refusal(
      pipe.transform({ agencyCode: '000.00.12.H49', extra: 1 }, { type: 'query', metatype: Listing }),
    );
    expect(answer(problem, 'vi').body.errors).toEqual([
      { field: 'extra', parameter: 'extra', message: 'extra không phải là trường được phép gửi' },
    ]);
  });

  it.each([
    ['applicant.idNumber', '#/applicant/idNumber'],
    ['documents[0].type', '#/documents/0/type'],
    ['dossiers[12]', '#/dossiers/12'],
    ['data.a/b', '#/data/a~1b'],
    ['data.x~y', '#/data/x~0y'],
    ['data.họ tên', '#/data/h%E1%BB%8D%20t%C3%AAn'],
    ['', '#'],
  ])('%s → %s', (field, pointer) => {
    expect(jsonPointerOf(field)).toBe(pointer);
  });
});
