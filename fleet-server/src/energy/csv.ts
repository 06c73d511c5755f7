/**
 * CSV writer after RFC 4180: records end with CRLF (§2.1), a field containing the separator, a double quote,
 * CR or LF is enclosed in double quotes and its quotes are doubled (§2.6, §2.7), a header line comes first
 * (§2.3, announced by `header=present` in the media type, §3).
 *
 * The French locale is what French spreadsheet software expects: `;` between fields and a decimal comma
 * (the comma being the decimal separator, it cannot also separate fields), preceded by a UTF-8 byte-order
 * mark so Excel reads accents correctly.
 */

export type CsvLocale = 'en' | 'fr';

export interface CsvOptions {
  /** `en`: `,` and a decimal point; `fr`: `;` and a decimal comma, with a UTF-8 BOM. Default `en`. */
  locale?: CsvLocale;
}

export type CsvValue = string | number | null | undefined;

export function csvField(v: CsvValue, locale: CsvLocale = 'en'): string {
  if (v === null || v === undefined) return '';
  const sep = locale === 'fr' ? ';' : ',';
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    // No exponent notation and no thousands separator: spreadsheets parse plain digits in every locale.
    text = Math.abs(v) >= 1e21 ? v.toFixed(0) : String(v);
    if (/e/i.test(text)) text = v.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
    if (locale === 'fr') text = text.replace('.', ',');
  } else {
    text = v;
  }
  return text.includes(sep) || text.includes('"') || text.includes('\r') || text.includes('\n') ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole document: header then rows, CRLF after every record. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], opts: CsvOptions = {}): string {
  const locale = opts.locale ?? 'en';
  const sep = locale === 'fr' ? ';' : ',';
  const line = (cells: readonly CsvValue[]) => cells.map((c) => csvField(c, locale)).join(sep) + '\r\n';
  return (locale === 'fr' ? '\uFEFF' : '') + line(header) + rows.map(line).join('');
}

/** Content-Type of a CSV export (RFC 4180 §3, RFC 7111). */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** Content-Disposition for a download; the name is reduced to a safe ASCII set (RFC 6266 §4.3). */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}
