import { columnLetter, MemoryWorkbook, SETTINGS_SHEET } from '../../src/node/memory-workbook';

function withTab(name = 'Sales'): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.addTab(name);
  return wb;
}

describe('MemoryWorkbook', () => {
  test('defaults to Europe/Madrid and en_US, and keeps what it is given', () => {
    expect(new MemoryWorkbook().timeZone()).toBe('Europe/Madrid');
    expect(new MemoryWorkbook().locale()).toBe('en_US');
    const wb = new MemoryWorkbook({ timeZone: 'America/New_York', locale: 'es_ES' });
    expect([wb.timeZone(), wb.locale()]).toEqual(['America/New_York', 'es_ES']);
  });

  test('refuses a time zone that is not one', () => {
    expect(() => new MemoryWorkbook({ timeZone: 'Mars/Olympus' })).toThrow(
      /"Mars\/Olympus" is not a time zone/,
    );
  });

  test('an empty tab reads as [] and its header as []', () => {
    const wb = withTab();
    expect(wb.read('Sales')).toEqual([]);
    expect(wb.readHeader('Sales')).toEqual([]);
  });

  test('read returns the used range from A1, padded to a rectangle with blanks', () => {
    const wb = withTab();
    wb.write('Sales', 1, 1, [['SKU', 'Qty']]);
    wb.write('Sales', 3, 2, [[5, true, 'x']]);
    expect(wb.read('Sales')).toEqual([
      ['SKU', 'Qty', '', ''],
      ['', '', '', ''],
      ['', 5, true, 'x'],
    ]);
    expect(wb.readHeader('Sales')).toEqual(['SKU', 'Qty', '', '']);
  });

  test("'' clears a cell, and clearing the edge shrinks the used range", () => {
    const wb = withTab();
    wb.write('Sales', 1, 1, [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    wb.write('Sales', 1, 3, [[''], ['']]);
    wb.write('Sales', 2, 1, [['', '', '']]);
    expect(wb.read('Sales')).toEqual([['a', 'b']]);
    wb.write('Sales', 1, 1, [['', '']]);
    expect(wb.read('Sales')).toEqual([]);
  });

  test('a write far away grows the tab', () => {
    const wb = withTab();
    wb.write('Sales', 5, 30, [['far']]);
    const values = wb.read('Sales');
    expect(values).toHaveLength(5);
    expect(values[4]).toHaveLength(30);
    expect(values[4][29]).toBe('far');
    expect(values[0].every((v) => v === '')).toBe(true);
  });

  test('strings are stored literally: never parsed as formulas, numbers, dates or booleans', () => {
    const wb = withTab();
    const literal = ['=SUM(A1:A2)', '0451', '2024-01-01', 'TRUE', '+34 600 000 000', "'quoted"];
    wb.write('Sales', 1, 1, [literal]);
    expect(wb.read('Sales')).toEqual([literal]);
  });

  test('dates are instants and are copied in and out', () => {
    const wb = withTab();
    const when = new Date('2024-03-31T01:30:00.000Z');
    wb.write('Sales', 1, 1, [[when]]);
    when.setTime(0);
    const first = wb.read('Sales')[0][0];
    expect(first).toEqual(new Date('2024-03-31T01:30:00.000Z'));
    (first as Date).setTime(0);
    expect(wb.read('Sales')[0][0]).toEqual(new Date('2024-03-31T01:30:00.000Z'));
  });

  test('write refuses ragged blocks, bad positions and values a file cannot hold, naming the cell', () => {
    const wb = withTab();
    expect(() => wb.write('Sales', 2, 2, [['a', 'b'], ['c']])).toThrow(/Sales!B2.*not rectangular/);
    expect(() => wb.write('Sales', 0, 1, [['a']])).toThrow(/start at 1/);
    expect(() => wb.write('Sales', 1, 1.5, [['a']])).toThrow(/start at 1/);
    expect(() => wb.write('Sales', 1_048_576, 1, [['a'], ['b']])).toThrow(/at most 1048576 rows/);
    expect(() => wb.write('Sales', 1, 2, [[1, Number.NaN]])).toThrow(/NaN to Sales!C1/);
    expect(() => wb.write('Sales', 1, 1, [[new Date(Number.NaN)]])).toThrow(/invalid date to Sales!A1/);
    expect(() => wb.write('Sales', 3, 1, [['x'.repeat(32_768)]])).toThrow(/Sales!A3.*32767 characters/);
    expect(() => wb.write('Sales', 1, 1, [[null as unknown as string]])).toThrow(/use '' for a blank cell/);
    // Nothing of a refused block is written.
    expect(wb.read('Sales')).toEqual([]);
    expect(wb.dirty).toBe(true); // from addTab
  });

  test('an empty block is a no-op that does not make the workbook dirty', () => {
    const wb = withTab();
    wb.markClean();
    wb.write('Sales', 1, 1, []);
    wb.write('Sales', 1, 1, [[]]);
    expect(wb.dirty).toBe(false);
    expect(wb.read('Sales')).toEqual([]);
  });

  test('unknown tabs throw an error naming the tab', () => {
    const wb = new MemoryWorkbook();
    expect(() => wb.read('Nope')).toThrow('The ledger has no tab named "Nope".');
    expect(() => wb.readHeader('Nope')).toThrow(/"Nope"/);
    expect(() => wb.write('Nope', 1, 1, [['x']])).toThrow(/"Nope"/);
    expect(() => wb.style('Nope', { headerWidth: 1, columns: [] })).toThrow(/"Nope"/);
  });

  test('addTab appends, refuses duplicates (in any case) and names an .xlsx file cannot hold', () => {
    const wb = new MemoryWorkbook();
    wb.addTab('Products');
    wb.addTab('Stock');
    expect(wb.tabNames()).toEqual(['Products', 'Stock']);
    expect(() => wb.addTab('Stock')).toThrow('The ledger already has a tab named "Stock".');
    expect(() => wb.addTab('stock')).toThrow(/already has a tab named "Stock"/);
    expect(() => wb.addTab('a/b')).toThrow(/cannot contain/);
    expect(() => wb.addTab('x'.repeat(32))).toThrow(/too long/);
    expect(() => wb.addTab('')).toThrow(/cannot be empty/);
    expect(() => wb.addTab(SETTINGS_SHEET)).toThrow(/reserved/);
    expect(wb.tabNames()).toEqual(['Products', 'Stock']);
  });

  test('style is kept per tab, and a second style adds to the first like Sheets', () => {
    const wb = withTab();
    expect(wb.tabStyle('Sales')).toEqual({ frozenRows: 0, headerWidth: 0, columns: [] });
    wb.style('Sales', {
      headerWidth: 3,
      columns: [
        { col: 2, numberFormat: '0.00' },
        { col: 3, allowed: ['a', 'b'] },
      ],
      warnOnEdit: 'Kept by Shop Ledger',
    });
    wb.style('Sales', {
      headerWidth: 4,
      columns: [
        { col: 3, numberFormat: '@' },
        { col: 1, allowed: ['x'] },
      ],
    });
    expect(wb.tabStyle('Sales')).toEqual({
      frozenRows: 1,
      headerWidth: 4,
      columns: [
        { col: 1, allowed: ['x'] },
        { col: 2, numberFormat: '0.00' },
        { col: 3, numberFormat: '@', allowed: ['a', 'b'] },
      ],
      warnOnEdit: 'Kept by Shop Ledger',
    });
    wb.style('Sales', { headerWidth: 4, columns: [{ col: 3, allowed: [] }] });
    expect(wb.tabStyle('Sales').columns[2]).toEqual({ col: 3, numberFormat: '@' });
  });

  test('dirty tracks write, addTab and style, and markClean resets it', () => {
    const wb = new MemoryWorkbook();
    expect(wb.dirty).toBe(false);
    wb.addTab('Sales');
    expect(wb.dirty).toBe(true);
    wb.markClean();
    wb.read('Sales');
    wb.readHeader('Sales');
    wb.tabNames();
    wb.flush();
    expect(wb.dirty).toBe(false);
    wb.write('Sales', 1, 1, [['x']]);
    expect(wb.dirty).toBe(true);
    wb.markClean();
    wb.style('Sales', { headerWidth: 1, columns: [] });
    expect(wb.dirty).toBe(true);
  });

  test('counts calls per port method, so tests can assert batching', () => {
    const wb = new MemoryWorkbook();
    wb.addTab('Sales');
    wb.write('Sales', 1, 1, [['a']]);
    wb.write('Sales', 2, 1, [['b']]);
    wb.read('Sales');
    wb.flush();
    wb.tabStyle('Sales'); // not a port method
    wb.contents(); // neither
    expect(wb.calls).toEqual({ addTab: 1, write: 2, read: 1, flush: 1 });
    wb.resetCalls();
    expect(wb.calls).toEqual({});
  });

  test('fromContents gives a clean workbook with no calls, and contents() gives it back', () => {
    const contents = {
      timeZone: 'America/New_York',
      locale: 'es_ES',
      tabs: [
        {
          name: 'Sales',
          values: [
            ['SKU', 'Total'],
            ['MUG', 12],
          ],
          style: { frozenRows: 1, headerWidth: 2, columns: [{ col: 2, numberFormat: '0.00' }] },
          formulas: [{ row: 2, col: 2, formula: 'SUM(1,11)' }],
        },
      ],
      properties: { nextOrderId: '42', cursor: '' },
    };
    const wb = MemoryWorkbook.fromContents(contents);
    expect(wb.dirty).toBe(false);
    expect(wb.calls).toEqual({});
    expect(wb.contents()).toEqual(contents);
    expect(wb.propertyKeys()).toEqual(['nextOrderId', 'cursor']);
    expect(MemoryWorkbook.fromContents({ ...contents, properties: undefined }).contents().properties).toEqual(
      {},
    );
  });

  test('a write over a kept formula drops the formula; others stay', () => {
    const wb = MemoryWorkbook.fromContents({
      timeZone: 'UTC',
      locale: 'en_US',
      tabs: [
        {
          name: 'T',
          values: [[1, 2]],
          style: { frozenRows: 0, headerWidth: 0, columns: [] },
          formulas: [
            { row: 1, col: 1, formula: 'A9' },
            { row: 1, col: 2, formula: 'B9' },
          ],
        },
      ],
    });
    wb.write('T', 1, 1, [['=not a formula']]);
    expect(wb.formulaCells('T')).toEqual([{ row: 1, col: 2, formula: 'B9' }]);
    expect(wb.read('T')).toEqual([['=not a formula', 2]]);
  });

  test('highlightWhen is kept like the rest of the style, and must be a column number', () => {
    const wb = withTab();
    wb.style('Sales', { headerWidth: 3, columns: [], highlightWhen: 3 });
    expect(wb.tabStyle('Sales').highlightWhen).toBe(3);
    wb.style('Sales', { headerWidth: 3, columns: [] });
    expect(wb.tabStyle('Sales').highlightWhen).toBe(3);
    for (const bad of [0, 1.5, 16_385]) {
      expect(() => wb.style('Sales', { headerWidth: 3, columns: [], highlightWhen: bad })).toThrow(
        /highlightWhen .* is not a column number/,
      );
    }
  });

  describe('append, readRows, lastRow, findRows', () => {
    function ledger(): MemoryWorkbook {
      const wb = withTab();
      wb.write('Sales', 1, 1, [
        ['Id', 'Qty', 'Paid'],
        ['S-1', 2, true],
        ['S-2', 12.5, false],
      ]);
      wb.resetCalls();
      return wb;
    }

    test('append writes below the last row with content, returns its first row, and is one call', () => {
      const wb = ledger();
      expect(
        wb.append('Sales', [
          ['S-3', 1, true],
          ['S-4', 4, false],
        ]),
      ).toBe(4);
      expect(wb.calls).toEqual({ append: 1 });
      expect(wb.read('Sales').slice(3)).toEqual([
        ['S-3', 1, true],
        ['S-4', 4, false],
      ]);
      expect(wb.lastRow('Sales')).toBe(5);
    });

    test('append goes below the last used row, not below rows that were cleared or left blank', () => {
      const wb = ledger();
      wb.write('Sales', 8, 2, [['far']]);
      expect(wb.append('Sales', [['x']])).toBe(9);
      wb.write('Sales', 9, 1, [['']]);
      wb.write('Sales', 8, 2, [['']]);
      // Rows 4–9 are blank again, so the next append fills row 4.
      expect(wb.append('Sales', [['y']])).toBe(4);
      expect(wb.lastRow('Sales')).toBe(4);
    });

    test('append into an empty tab starts at row 1 and makes the workbook dirty', () => {
      const wb = withTab();
      wb.markClean();
      expect(wb.append('Sales', [['Id']])).toBe(1);
      expect(wb.dirty).toBe(true);
      expect(wb.read('Sales')).toEqual([['Id']]);
    });

    test('a refused append writes nothing and is still one counted call', () => {
      const wb = ledger();
      expect(() => wb.append('Sales', [['a', 'b'], ['c']])).toThrow(/Sales!A4.*not rectangular/);
      expect(wb.calls).toEqual({ append: 1 });
      expect(wb.lastRow('Sales')).toBe(3);
      expect(() => wb.append('Nope', [['x']])).toThrow(/"Nope"/);
    });

    test('readRows returns the rows, padded to the used width, with blank rows past the end', () => {
      const wb = ledger();
      wb.write('Sales', 2, 5, [['wide']]);
      expect(wb.readRows('Sales', 2, 1)).toEqual([['S-1', 2, true, '', 'wide']]);
      expect(wb.readRows('Sales', 3, 3)).toEqual([
        ['S-2', 12.5, false, '', ''],
        ['', '', '', '', ''],
        ['', '', '', '', ''],
      ]);
      expect(wb.readRows('Sales', 10, 1)).toEqual([['', '', '', '', '']]);
      expect(wb.calls).toEqual({ write: 1, readRows: 3 });
    });

    test('readRows: [] for an empty tab or no rows; rows start at 1; dates are copies', () => {
      const wb = withTab();
      expect(wb.readRows('Sales', 1, 5)).toEqual([]);
      wb.write('Sales', 1, 1, [[new Date('2024-01-01T00:00:00Z')]]);
      expect(wb.readRows('Sales', 1, 0)).toEqual([]);
      expect(() => wb.readRows('Sales', 0, 1)).toThrow(/rows start at 1/);
      (wb.readRows('Sales', 1, 1)[0][0] as Date).setTime(0);
      expect(wb.read('Sales')).toEqual([[new Date('2024-01-01T00:00:00Z')]]);
    });

    test('lastRow: 0 for an empty tab, else the last row with content', () => {
      const wb = withTab();
      expect(wb.lastRow('Sales')).toBe(0);
      wb.write('Sales', 6, 3, [['x']]);
      expect(wb.lastRow('Sales')).toBe(6);
      expect(() => wb.lastRow('Nope')).toThrow(/"Nope"/);
    });

    test('findRows matches the whole cell exactly, below the header only', () => {
      const wb = ledger();
      wb.append('Sales', [
        ['S-1', 3, true],
        ['s-1', 3, true],
        ['S-10', 3, true],
        [' S-1', 3, true],
      ]);
      wb.resetCalls();
      expect(wb.findRows('Sales', 1, 'S-1')).toEqual([2, 4]);
      expect(wb.findRows('Sales', 1, 'Id')).toEqual([]); // the header row is skipped
      expect(wb.findRows('Sales', 1, 'S-')).toEqual([]);
      expect(wb.findRows('Sales', 1, '')).toEqual([]);
      expect(wb.findRows('Sales', 2, '12.5')).toEqual([3]);
      expect(wb.findRows('Sales', 3, 'FALSE')).toEqual([3]);
      expect(wb.findRows('Sales', 9, 'S-1')).toEqual([]);
      expect(wb.calls).toEqual({ findRows: 7 });
    });

    test('findLastRow gives the last exact match, 0 when none, in one call each', () => {
      const wb = ledger();
      wb.append('Sales', [
        ['S-1', 3, true],
        ['s-1', 3, true],
        ['S-1', 4, true],
      ]);
      wb.resetCalls();
      expect(wb.findLastRow('Sales', 1, 'S-1')).toBe(6);
      expect(wb.findLastRow('Sales', 1, 'S-2')).toBe(3);
      expect(wb.findLastRow('Sales', 1, 'Id')).toBe(0); // the header row is skipped
      expect(wb.findLastRow('Sales', 1, '')).toBe(0);
      expect(wb.calls).toEqual({ findLastRow: 4 });
    });
  });

  test('columnLetter', () => {
    expect([1, 26, 27, 52, 703, 16_384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
  });
});
