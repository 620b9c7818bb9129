import * as fs from 'node:fs';

const CHUNK = 1 << 20;

/**
 * Writes a report to `file` a piece at a time: written whole, a large report would also be held as one UTF-8 copy
 * (tens of MB for a large workspace). Pieces never split a surrogate pair.
 */
export function writeReport(file: string, text: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + CHUNK, text.length);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      fs.writeSync(fd, text.slice(start, end));
      start = end;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
