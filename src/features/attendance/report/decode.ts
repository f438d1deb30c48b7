// Bytes of an uploaded attendance report → text. Teams writes UTF-16LE with a BOM; files that
// went through Excel or another tool may be UTF-8 with or without a BOM, or UTF-16 without one.

export type Encoding = 'utf-16le' | 'utf-16be' | 'utf-8';
export type DecodeFailure = 'empty' | 'tooLarge' | 'binary' | 'spreadsheet';
export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: DecodeFailure };

export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

function sniff(bytes: Uint8Array): { encoding: Encoding; skip: number } {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3 };
  // No BOM: text in UTF-16 has a zero in every other byte for Latin letters.
  const n = Math.min(bytes.length - (bytes.length % 2), 8192);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (pairs > 0 && oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return { encoding: 'utf-16le', skip: 0 };
  if (pairs > 0 && evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return { encoding: 'utf-16be', skip: 0 };
  return { encoding: 'utf-8', skip: 0 };
}

/** Control characters other than tab and line breaks, and replacement characters, mean "not text". */
function looksBinary(text: string): boolean {
  let bad = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) bad++;
  }
  return bad > Math.max(2, n * 0.001);
}

export function decodeReport(bytes: Uint8Array, maxBytes = MAX_REPORT_BYTES): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > maxBytes) return { ok: false, reason: 'tooLarge' };
  // An .xlsx (a zip) or an old .xls (an OLE compound file).
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)) {
    return { ok: false, reason: 'spreadsheet' };
  }
  const { encoding, skip } = sniff(bytes);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(skip));
  } catch {
    return { ok: false, reason: 'binary' };
  }
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  if (looksBinary(text)) return { ok: false, reason: 'binary' };
  return { ok: true, text, encoding };
}
