// The part of fontkit (MIT, the font engine pdfkit uses; it ships no types) that the forms use.
declare module 'fontkit' {
  export interface Font {
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
