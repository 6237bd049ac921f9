import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { withLedgerFile } from '../../src/node/ledger-file';
import { MemoryWorkbook, SETTINGS_SHEET } from '../../src/node/memory-workbook';
import {
  MAX_PROPERTY_STORE_BYTES,
  MAX_PROPERTY_VALUE_BYTES,
  WorkbookProperties,
} from '../../src/node/workbook-properties';
import { loadXlsx, saveXlsx } from '../../src/node/xlsx-file';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-props-'));
  path = join(dir, 'ledger.xlsx');
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function ledger(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.addTab('Products');
  wb.write('Products', 1, 1, [['SKU']]);
  return wb;
}

async function settingsRows(file: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet(SETTINGS_SHEET);
  if (!ws) throw new Error('no settings sheet');
  const rows: string[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return rows;
}

describe('WorkbookProperties', () => {
  test('get, set, delete and keys, like document properties', () => {
    const props = new WorkbookProperties(ledger());
    expect(props.get('nextOrderId')).toBeNull();
    expect(props.keys()).toEqual([]);
    props.set('nextOrderId', '1');
    props.set('cursor', 'abc');
    props.set('nextOrderId', '2');
    expect(props.get('nextOrderId')).toBe('2');
    expect(props.keys()).toEqual(['nextOrderId', 'cursor']);
    props.delete('nextOrderId');
    props.delete('never-set');
    expect(props.get('nextOrderId')).toBeNull();
    expect(props.keys()).toEqual(['cursor']);
  });

  test('two ports over one workbook see the same properties', () => {
    const wb = ledger();
    new WorkbookProperties(wb).set('k', 'v');
    expect(new WorkbookProperties(wb).get('k')).toBe('v');
  });

  test('set and delete make the workbook dirty; a change to nothing does not', () => {
    const wb = ledger();
    wb.markClean();
    const props = new WorkbookProperties(wb);
    props.get('k');
    props.keys();
    props.delete('k');
    expect(wb.dirty).toBe(false);
    props.set('k', 'v');
    expect(wb.dirty).toBe(true);
    wb.markClean();
    props.set('k', 'v');
    expect(wb.dirty).toBe(false);
    props.set('k', '');
    expect(wb.dirty).toBe(true);
    wb.markClean();
    props.delete('k');
    expect(wb.dirty).toBe(true);
  });

  test('are not port calls and are never a tab', () => {
    const wb = ledger();
    wb.resetCalls();
    const props = new WorkbookProperties(wb);
    props.set('Products', 'x');
    props.get('Products');
    expect(wb.calls).toEqual({});
    expect(wb.tabNames()).toEqual(['Products']);
  });

  test('a value may hold 9 KB of UTF-8, as in Apps Script; more is refused and changes nothing', () => {
    expect(MAX_PROPERTY_VALUE_BYTES).toBe(9216);
    const wb = ledger();
    const props = new WorkbookProperties(wb);
    props.set('ascii', 'x'.repeat(9216));
    props.set('euro', '€'.repeat(3072)); // 3 bytes each
    wb.markClean();
    expect(() => props.set('ascii', 'x'.repeat(9217))).toThrow(
      /Cannot set document property "ascii": its value is 9217 bytes.*at most 9216 bytes \(9 KB\)/,
    );
    expect(() => props.set('euro', '€'.repeat(3073))).toThrow(/9219 bytes/);
    expect(() => props.set('new', `${'x'.repeat(9215)}é`)).toThrow(/9217 bytes/);
    expect(props.get('ascii')).toHaveLength(9216);
    expect(props.get('euro')).toHaveLength(3072);
    expect(props.keys()).toEqual(['ascii', 'euro']);
    expect(wb.dirty).toBe(false);
  });

  test('all keys and values together hold at most 500 KB, as in Apps Script', () => {
    const props = new WorkbookProperties(ledger());
    const value = 'x'.repeat(9000);
    // 56 × (4-byte key + 9000) = 504,224 bytes; a 57th would take it to 513,228, over 512,000.
    for (let i = 0; i < 56; i++) props.set(`k${String(i).padStart(3, '0')}`, value);
    expect(() => props.set('k056', value)).toThrow(/513228 bytes.*at most 512000 bytes \(500 KB\)/);
    expect(props.get('k056')).toBeNull();
    props.set('k000', 'x'.repeat(9216)); // replacing a value counts only the difference
    props.delete('k001');
    props.set('k056', value);
    expect(props.keys()).toHaveLength(56);
    expect(MAX_PROPERTY_STORE_BYTES).toBe(512_000);
  });

  test('refuses what is not a string', () => {
    const props = new WorkbookProperties(ledger());
    expect(() => props.set('k', 5 as unknown as string)).toThrow(TypeError);
    expect(props.get('k')).toBeNull();
  });
});

describe('properties in the .xlsx file', () => {
  const tricky: Record<string, string> = {
    plain: 'INV-2024-0042',
    empty: '',
    unicode: 'Café ☕ 𝄞 日本語 עברית 👩‍👩‍👧',
    lines: 'one\ntwo\r\nthree\rfour\n',
    spaces: '  padded\t ',
    control: 'a\u0000b\u0001\u001f\u007f\uFFFE\uFFFF',
    escapes: 'literal _x0041_ and _X00e9_ and _x005F_',
    looksLikeFormula: '=HYPERLINK("https://evil.example")',
    looksLikeNumber: '0451',
    looksLikeBoolean: 'TRUE',
    looksLikeDate: '2024-01-01',
    json: JSON.stringify({ cursor: 'c1', ids: [1, 2, 3], quote: '"\\' }),
    loneSurrogates: 'x\uD800y\uDC00z',
    long: 'ab€\n'.repeat(1536), // 9 KB of UTF-8
    control9k: '\u0001'.repeat(9216), // 9 KB, 64,512 characters once escaped in the XML
    '': 'an empty key',
    ['__proto__']: 'not a prototype',
    'key with spaces, ünïcode and\nnewline': 'v',
  };

  test('round-trip exactly through save and load, in the order they were set', async () => {
    const wb = ledger();
    const props = new WorkbookProperties(wb);
    for (const [key, value] of Object.entries(tricky)) props.set(key, value);
    await saveXlsx(wb, path);

    const back = await loadXlsx(path);
    const loaded = new WorkbookProperties(back);
    expect(loaded.keys()).toEqual(Object.keys(tricky));
    for (const [key, value] of Object.entries(tricky)) expect([key, loaded.get(key)]).toEqual([key, value]);
    expect(back.dirty).toBe(false);
    expect(back.tabNames()).toEqual(['Products']);
    expect(Object.getPrototypeOf(back.contents().properties)).toBe(Object.prototype);
  });

  test('live on the hidden settings sheet as `property <key> <value>` rows', async () => {
    const wb = ledger();
    const props = new WorkbookProperties(wb);
    props.set('nextOrderId', '42');
    props.set('cursor', 'page 3');
    await saveXlsx(wb, path);
    const rows = await settingsRows(path);
    expect(rows).toContainEqual(['property', 'nextOrderId', '42']);
    expect(rows).toContainEqual(['property', 'cursor', 'page 3']);
    expect(rows).toContainEqual(['format', '2']);
  });

  test('a file without properties stays at settings format 1, which older versions read', async () => {
    const wb = ledger();
    await saveXlsx(wb, path);
    expect(await settingsRows(path)).toContainEqual(['format', '1']);
    expect(new WorkbookProperties(await loadXlsx(path)).keys()).toEqual([]);
  });

  test('a deleted property is gone from the file', async () => {
    const wb = ledger();
    const props = new WorkbookProperties(wb);
    props.set('a', '1');
    props.set('b', '2');
    await saveXlsx(wb, path);
    const next = await loadXlsx(path);
    new WorkbookProperties(next).delete('a');
    expect(next.dirty).toBe(true);
    await saveXlsx(next, path);
    expect(new WorkbookProperties(await loadXlsx(path)).keys()).toEqual(['b']);
  });

  test('the next command sees what a command set; a command that only reads does not save', async () => {
    await withLedgerFile(path, { create: true }, (wb, _lock, props) => {
      wb.addTab('Products');
      props.set('nextOrderId', '1001');
    });
    const mtime = (await fsp.stat(path)).mtimeMs;
    const seen = await withLedgerFile(path, {}, (_wb, _lock, props) => props.get('nextOrderId'));
    expect(seen).toBe('1001');
    expect((await fsp.stat(path)).mtimeMs).toBe(mtime);

    await withLedgerFile(path, {}, (_wb, _lock, props) => {
      props.set('nextOrderId', String(Number(props.get('nextOrderId')) + 1));
    });
    expect(await withLedgerFile(path, {}, (wb) => new WorkbookProperties(wb).get('nextOrderId'))).toBe(
      '1002',
    );
  });

  test('a property set in a command that then fails is not saved', async () => {
    await withLedgerFile(path, { create: true }, (wb) => {
      wb.addTab('Products');
    });
    await expect(
      withLedgerFile(path, {}, (_wb, _lock, props) => {
        props.set('k', 'v');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(new WorkbookProperties(await loadXlsx(path)).get('k')).toBeNull();
  });
});
