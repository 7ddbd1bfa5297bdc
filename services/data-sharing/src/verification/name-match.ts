/**
 * How people write a name: Unicode NFC (so precomposed and decomposed input are the same text), trimmed,
 * inner whitespace collapsed to one space. Case and diacritics are kept: this is what is sent to the registry.
 */
export function normalizeName(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** The comparison key: the normalized name, lower-cased (Đ → đ). Diacritics stay significant. */
export function nameKey(value: string): string {
  return normalizeName(value).toLocaleLowerCase('vi').normalize('NFC');
}

/**
 * True when two written names are the same name: equal after NFC, trimming, whitespace collapsing and
 * case folding. "Nguyễn Văn An" matches "  nguyễn   VĂN an " but not "Nguyen Van An".
 */
export function namesMatch(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}
