import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';

/**
 * Noto Serif (SIL Open Font License 1.1) from the npm package @expo-google-fonts/noto-serif:
 * full Vietnamese coverage, and a serif face like the Times New Roman that administrative
 * documents use. PDF's built-in Helvetica has no Vietnamese letters (ư, ơ, đ, ệ, …).
 * Resolved as a package file, so it is found from src/ under Jest, from dist/ and in the image,
 * and nothing is fetched at run time. pdfkit embeds only the glyphs a receipt uses.
 */
const FONT_PACKAGE = '@expo-google-fonts/noto-serif';
const FONT_FILES = {
  regular: `${FONT_PACKAGE}/400Regular/NotoSerif_400Regular.ttf`,
  bold: `${FONT_PACKAGE}/700Bold/NotoSerif_700Bold.ttf`,
  italic: `${FONT_PACKAGE}/400Regular_Italic/NotoSerif_400Regular_Italic.ttf`,
} as const;

export type ReceiptFontRole = keyof typeof FONT_FILES;

let loaded: Record<ReceiptFontRole, Font> | undefined;

const parse = (role: ReceiptFontRole) => create(readFileSync(require.resolve(FONT_FILES[role])));

/**
 * The faces for one document, parsed once per process: parsing their layout tables was ~80 % of printing a form.
 * fontkit keeps each glyph it made with the characters it was first made for, and pdfkit writes those into the
 * document's text layer (ToUnicode): a glyph made for another document's text would give this one wrong text. So
 * the glyph cache (cheap to refill) is emptied for each document; the parsed tables stay. Call it right before
 * drawing, which is synchronous.
 */
export function receiptFonts(): Record<ReceiptFontRole, Font> {
  loaded ??= { regular: parse('regular'), bold: parse('bold'), italic: parse('italic') };
  for (const font of Object.values(loaded)) (font as unknown as { _glyphs: object })._glyphs = {};
  return loaded;
}
