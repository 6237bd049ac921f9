/**
 * WordPress stores product and shipping names HTML-escaped ("Ship Your Idea &ndash; Color: Black",
 * "Woo Album #2 &times; 1"), and the REST API returns them that way. The ledger shows plain
 * text, so the entities are turned back into characters here. Tags are left alone: WooCommerce
 * does not put markup in these names.
 */

const NAMED: ReadonlyMap<string, string> = new Map(
  Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: '\u00a0',
    ndash: '\u2013',
    mdash: '\u2014',
    times: '\u00d7',
    hellip: '\u2026',
    lsquo: '\u2018',
    rsquo: '\u2019',
    ldquo: '\u201c',
    rdquo: '\u201d',
    euro: '\u20ac',
    pound: '\u00a3',
    copy: '\u00a9',
    reg: '\u00ae',
    trade: '\u2122',
    deg: '\u00b0',
  }),
);

/** Text with HTML character references (&amp;, &#8211;, &#x2013;) decoded; unknown ones kept as written. */
export function decodeHtmlText(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    const name = ref.toLowerCase();
    return NAMED.get(name) ?? whole;
  });
}
