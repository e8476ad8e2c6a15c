import { ValidationError } from '@kenpo/kernel';
import { RECORD_LENGTH } from './zengin-layout.js';

/**
 * Splits a file's text into 120-character records. Accepts the two framings of domain.md 8.4 (a pure 120-byte
 * stream or CRLF after each record) and, as zengin4j does for real bank files, CR or LF alone, mixed separators
 * and a trailing EOF byte 0x1A.
 */
export function splitRecords(content: string): string[] {
  const body = content.replace(/\x1a+$/, '');
  let records: string[];
  if (/[\r\n]/.test(body)) {
    records = body.split(/\r\n|\r|\n/);
    while (records.length > 0 && records[records.length - 1] === '') records.pop();
  } else {
    records = [];
    for (let i = 0; i < body.length; i += RECORD_LENGTH) records.push(body.slice(i, i + RECORD_LENGTH));
  }
  records.forEach((record, index) => {
    if (record.length !== RECORD_LENGTH) {
      throw ValidationError.of(
        `records[${index}]`,
        'record_length',
        `record ${index + 1} has ${record.length} characters, expected ${RECORD_LENGTH}`,
      );
    }
  });
  return records;
}
