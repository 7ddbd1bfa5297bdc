/**
 * Personal data never reaches a log line in clear (DOMAIN.md §9).
 * Known fields are masked by name; any other string is scanned for ID-number and phone shapes.
 */

const ID_NUMBER = /(?<!\d)\d{12}(?!\d)/g;
const PHONE = /(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){9}(?!\d)/g;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

export function maskIdNumber(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 6) return '*'.repeat(value.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 6) return '*'.repeat(value.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/** "Nguyễn Văn An" → "N***** V** A*": enough to tell two log lines apart, not to identify anyone. */
export function maskName(value: string): string {
  return value
    .normalize('NFC')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const letters = [...word];
      return letters[0] + '*'.repeat(letters.length - 1);
    })
    .join(' ');
}

export function maskText(value: string): string {
  return value
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(PHONE, (m) => maskPhone(m))
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`);
}

const FIELD_MASKS: Partial<Record<string, (value: string) => string>> = {
  idnumber: maskIdNumber,
  citizenid: maskIdNumber,
  fullname: maskName,
  applicantname: maskName,
  phone: maskPhone,
  phonelast4: () => '****',
  email: (v) => maskText(v.includes('@') ? v : `${v}@x.invalid`).replace('@x.invalid', ''),
  address: () => '[redacted]',
  dateofbirth: () => '[redacted]',
  authorization: () => '[redacted]',
  password: () => '[redacted]',
  secret: () => '[redacted]',
};

const MAX_DEPTH = 8;

/** Returns a copy of `value` with personal data masked; the input is not modified. */
export function redactPii(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return '[truncated]';
  seen.add(value);
  if (value instanceof Error) {
    const error = value as Error & { code?: unknown; detail?: unknown };
    return {
      type: error.name,
      message: maskText(error.message ?? ''),
      ...(error.stack ? { stack: maskText(error.stack) } : {}),
      ...(error.code !== undefined ? { code: error.code } : {}),
      ...(typeof error.detail === 'string' ? { detail: maskText(error.detail) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactPii(item, depth + 1, seen));
  if (Buffer.isBuffer(value) || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const mask = FIELD_MASKS[key.toLowerCase().replace(/[_-]/g, '')];
    out[key] =
      mask && (typeof field === 'string' || typeof field === 'number')
        ? mask(String(field))
        : redactPii(field, depth + 1, seen);
  }
  return out;
}
