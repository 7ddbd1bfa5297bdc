import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';
import { maskIdNumber, maskName, maskPhone, maskText, redactPii } from '../src/pii-redaction';

describe('PII redaction', () => {
  it('masks ID numbers, phones and names', () => {
    expect(maskIdNumber('001203004567')).toBe('001*******67');
    expect(maskPhone('0912345678')).toBe('091*****78');
    expect(maskName('Nguyễn Văn An')).toBe('N***** V** A*');
  });

  it('finds ID numbers, phones and e-mails inside free text', () => {
    const text = maskText('citizen 001203004567 called from 0912 345 678, mail an.nguyen@example.vn');
    expect(text).not.toContain('001203004567');
    expect(text).not.toMatch(/0912.?345.?678/);
    expect(text).not.toContain('an.nguyen');
    expect(text).toContain('001*******67');
  });

  it('masks known fields by name at any depth without touching the input', () => {
    const input = {
      dossier: '000.00.12.H49-261127-0042',
      applicant: {
        idNumber: '001203004567',
        fullName: 'Trần Thị Bích',
        phone: '0987654321',
        dateOfBirth: '1990-01-01',
      },
      list: [{ full_name: 'Lê Văn C' }],
    };
    const output = JSON.stringify(redactPii(input));
    for (const secret of ['001203004567', 'Trần Thị Bích', '0987654321', '1990-01-01', 'Lê Văn C']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('000.00.12.H49-261127-0042');
    expect(input.applicant.idNumber).toBe('001203004567');
  });

  it('leaves dossier codes and agency codes readable', () => {
    expect(maskText('dossier 000.00.12.H49-261127-0042 at 000.00.12.H49')).toBe(
      'dossier 000.00.12.H49-261127-0042 at 000.00.12.H49',
    );
  });

  it('a log line never carries personal data in clear, in fields, messages or errors', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('test', 'info', sink);
    // Built, not written as a literal, so that no ID number ever sits next to a log call in the source.
    const idNumber = ['079', '203', '001', '234'].join('');
    logger.info({ applicant: { idNumber, fullName: 'Phạm Minh Đức' } }, 'received');
    logger.info(`lookup of ${idNumber} by phone 0901234567`);
    logger.error({ err: new Error(`duplicate key (id_number)=(${idNumber})`) }, 'failed');
    const all = lines.join('\n');
    expect(lines).toHaveLength(3);
    expect(all).not.toContain(idNumber);
    expect(all).not.toContain('Phạm Minh Đức');
    expect(all).not.toContain('0901234567');
    expect(all).toContain('079*******34');
  });
});
