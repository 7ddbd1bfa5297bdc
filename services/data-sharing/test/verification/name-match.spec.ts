import { nameKey, namesMatch, normalizeName } from '../../src/verification/name-match';

describe('name matching', () => {
  it('ignores case', () => {
    expect(namesMatch('Nguyễn Văn An', 'NGUYỄN VĂN AN')).toBe(true);
    expect(namesMatch('Nguyễn Văn An', 'nguyễn văn an')).toBe(true);
  });

  it('ignores leading, trailing and repeated whitespace (tabs, non-breaking spaces included)', () => {
    expect(namesMatch('Nguyễn Văn An', '  Nguyễn   Văn\tAn ')).toBe(true);
    expect(namesMatch('Nguyễn Văn An', 'Nguyễn\u00a0Văn An')).toBe(true);
    expect(normalizeName('  Trần   Thị  Bình ')).toBe('Trần Thị Bình');
  });

  it('treats NFD (decomposed) input as the same name as NFC', () => {
    const nfd = 'Nguyễn Văn An'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Văn An');
    expect(namesMatch(nfd, 'Nguyễn Văn An')).toBe(true);
    expect(normalizeName(nfd)).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('keeps diacritics significant', () => {
    expect(namesMatch('Nguyễn Văn An', 'Nguyen Van An')).toBe(false);
    expect(namesMatch('Lê Thị Hà', 'Lê Thị Há')).toBe(false);
    expect(namesMatch('Nguyễn', 'Nguyên')).toBe(false);
  });

  it('folds Đ to đ but does not equate đ with d', () => {
    expect(namesMatch('ĐẶNG VĂN ĐỨC', 'Đặng Văn Đức')).toBe(true);
    expect(nameKey('Đức')).toBe('đức');
    expect(namesMatch('Đặng Văn Đức', 'Dặng Văn Dức')).toBe(false);
  });

  it('does not match different names', () => {
    expect(namesMatch('Nguyễn Văn An', 'Nguyễn Văn Anh')).toBe(false);
    expect(namesMatch('Nguyễn Văn An', 'NguyễnVăn An')).toBe(false);
  });
});
