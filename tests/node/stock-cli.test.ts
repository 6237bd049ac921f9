/**
 * The stock commands of the `shop-ledger` CLI, in-process on real .xlsx files: receive, transfer send
 * and receive, count, rebuild-stock and report. Exit 0 on success, 1 with a message naming what is
 * wrong (and the file untouched), 2 on a usage error; --key makes a retry safe; --json is machine output.
 */

import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx, saveXlsx } from '../../src/node/xlsx-file';
import type { CellValue } from '../../src/platform/workbook';
import { records } from '../app/stock/stock-ledger';
import { captureCli, expectUnchanged, fileState } from '../helpers/cli';

let dir: string;

beforeEach(async () => {
  dir = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'shop-ledger-stock-')));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => captureCli(argv, { strict: true });

async function sampleLedger(): Promise<string> {
  const path = join(dir, 'ledger.xlsx');
  expect((await cli('init', '--ledger', path, '--sample', '--time-zone', 'Europe/Madrid')).code).toBe(0);
  return path;
}

async function stockOf(
  path: string,
  sku: string,
  location: string,
): Promise<Record<string, CellValue> | undefined> {
  return records(await loadXlsx(path), 'Stock').find((r) => r.SKU === sku && r.Location === location);
}

describe('receive', () => {
  test('goods in: the moves and the Stock tab are saved, and it says what it did', async () => {
    const path = await sampleLedger();
    const r = await cli(
      'receive',
      '--ledger',
      path,
      '--to',
      'Store',
      '--line',
      'COF-ETH-250:6',
      '--line',
      'TEA-SEN-100:2',
    );
    expect(r).toEqual({
      code: 0,
      out: 'Received GR-000001 at Store: 6 × COF-ETH-250, 2 × TEA-SEN-100.\n',
      err: '',
    });
    const wb = await loadXlsx(path);
    expect(records(wb, 'Movements').filter((m) => m.Reference === 'GR-000001')).toEqual([
      expect.objectContaining({
        'Move ID': 'GR-000001/1',
        SKU: 'COF-ETH-250',
        Qty: 6,
        From: 'Supplier',
        To: 'Store',
      }),
      expect.objectContaining({ 'Move ID': 'GR-000001/2', SKU: 'TEA-SEN-100', Qty: 2 }),
    ]);
    expect(await stockOf(path, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 18, Available: 18 });
  });

  test('--key: run twice, it records once and the second run leaves the file untouched', async () => {
    const path = await sampleLedger();
    const argv = [
      'receive',
      '--ledger',
      path,
      '--to',
      'Store',
      '--line',
      'COF-ETH-250:6',
      '--key',
      'po-881',
      '--json',
    ];
    const first = await cli(...argv);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ reference: 'GR-000001', moves: 1, repeated: false });
    const before = await fileState(path);
    const second = await cli(...argv);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ reference: 'GR-000001', repeated: true });
    await expectUnchanged(path, before);
    expect(await stockOf(path, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 18 });
    const text = await cli(...argv.slice(0, -1));
    expect(text.out).toBe(
      'Already recorded with this key as GR-000001: 6 × COF-ETH-250 at Store. Nothing was written now.\n',
    );
  });

  test('without --key each run is a new receipt, numbered on from the last one in the file', async () => {
    const path = await sampleLedger();
    const argv = ['receive', '--ledger', path, '--to', 'Warehouse', '--line', 'COF-ETH-250:1'];
    expect((await cli(...argv)).out).toContain('GR-000001');
    expect((await cli(...argv)).out).toContain('GR-000002');
    const keys = records(await loadXlsx(path), 'Movements')
      .filter((m) => m.Reason === 'receipt')
      .map((m) => String(m.Key));
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    for (const key of keys) expect(key).toMatch(/^receive-[0-9a-f-]{36}$/);
  });

  test.each([
    [['--line', 'COF-ETH-250'], '--line "COF-ETH-250" must be SKU:QUANTITY, like COF-ETH-250:2.'],
    [['--line', 'COF-ETH-250:six'], '--line "COF-ETH-250:six" must be SKU:QUANTITY'],
    [
      ['--line', 'COF-ETH-250:0'],
      'Line 1 (COF-ETH-250): the quantity must be a whole number of 1 or more, not 0.',
    ],
    [['--line', 'COF-ETH-250:-2'], 'the quantity must be a whole number of 1 or more, not -2'],
    [['--line', 'NOPE:2'], 'No product with SKU "NOPE" on the Products tab.'],
    [[], 'Say what arrived: at least one --line SKU:QTY.'],
  ])('bad input %j: exit 1, a message naming it, the file untouched', async (flags, message) => {
    const path = await sampleLedger();
    const before = await fileState(path);
    const r = await cli('receive', '--ledger', path, '--to', 'Store', ...flags);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err.startsWith('shop-ledger: ')).toBe(true);
    await expectUnchanged(path, before);
  });

  test('an unknown location: exit 1, listing the locations', async () => {
    const path = await sampleLedger();
    const r = await cli('receive', '--ledger', path, '--to', 'Shop', '--line', 'COF-ETH-250:1');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '"Shop" is not a stock location. The locations are Store, Warehouse (Settings › Locations)',
    );
  });

  test('no --to: a usage error, exit 2', async () => {
    const path = await sampleLedger();
    const r = await cli('receive', '--ledger', path, '--line', 'COF-ETH-250:1');
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: required option '--to <location>' not specified");
  });
});

describe('transfer', () => {
  test('send prints the transfer id; a partial receipt with a loss leaves the rest in transit; then the rest arrives', async () => {
    const path = await sampleLedger();
    const sent = await cli(
      'transfer',
      'send',
      '--ledger',
      path,
      '--from',
      'Warehouse',
      '--to',
      'Store',
      '--line',
      'COF-ETH-250:10',
      '--line',
      'TEA-SEN-100:4',
      '--json',
    );
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.out)).toMatchObject({ transferId: 'TR-000001', from: 'Warehouse', to: 'Store' });
    expect(await stockOf(path, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 30 });
    expect(await stockOf(path, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 12, 'In transit': 10 });

    const partial = await cli(
      'transfer',
      'receive',
      '--ledger',
      path,
      '--id',
      'TR-000001',
      '--line',
      'COF-ETH-250:7',
      '--lost',
      'COF-ETH-250:1',
      '--key',
      'tr1-in',
    );
    expect(partial).toEqual({
      code: 0,
      out: [
        'TR-000001 (Warehouse → Store): received 7 × COF-ETH-250 at Store.',
        '  Written off to Loss: 1 × COF-ETH-250.',
        '  Still in transit: 2 × COF-ETH-250, 4 × TEA-SEN-100 (shown as In transit at Store on the Stock tab).',
        '',
      ].join('\n'),
      err: '',
    });
    expect(await stockOf(path, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 19, 'In transit': 2 });
    expect(records(await loadXlsx(path), 'Transfers')[0]).toMatchObject({
      Status: 'in transit',
      Received: '',
    });

    const rest = await cli('transfer', 'receive', '--ledger', path, '--id', 'TR-000001', '--json');
    expect(JSON.parse(rest.out)).toMatchObject({
      received: [
        { sku: 'COF-ETH-250', qty: 2 },
        { sku: 'TEA-SEN-100', qty: 4 },
      ],
      remaining: [],
      status: 'received',
    });
    expect(await stockOf(path, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 21, 'In transit': 0 });
    const transfer = records(await loadXlsx(path), 'Transfers')[0];
    expect(transfer.Status).toBe('received');
    expect(transfer.Received).toBeInstanceOf(Date);
    expect((await cli('check', '--ledger', path)).code).toBe(0);
  });

  test('sending more than is available: exit 1 with the figures, the file untouched', async () => {
    const path = await sampleLedger();
    const before = await fileState(path);
    const r = await cli(
      'transfer',
      'send',
      '--ledger',
      path,
      '--from',
      'Store',
      '--to',
      'Warehouse',
      '--line',
      'COF-ETH-250:13',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'Not enough stock in Store to send: COF-ETH-250 (Ethiopia Yirgacheffe coffee beans 250 g): 13 to send, 12 available.',
    );
    await expectUnchanged(path, before);
  });

  test('receiving an unknown transfer, or more than is in transit: exit 1, the file untouched', async () => {
    const path = await sampleLedger();
    await cli(
      'transfer',
      'send',
      '--ledger',
      path,
      '--from',
      'Warehouse',
      '--to',
      'Store',
      '--line',
      'COF-ETH-250:3',
    );
    const before = await fileState(path);
    const unknown = await cli('transfer', 'receive', '--ledger', path, '--id', 'TR-000042');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No transfer "TR-000042" on the Transfers tab.');
    const tooMany = await cli(
      'transfer',
      'receive',
      '--ledger',
      path,
      '--id',
      'TR-000001',
      '--line',
      'COF-ETH-250:4',
    );
    expect(tooMany.code).toBe(1);
    expect(tooMany.err).toContain('TR-000001 has 3 of COF-ETH-250 in transit, but 4 received make 4.');
    const badLost = await cli(
      'transfer',
      'receive',
      '--ledger',
      path,
      '--id',
      'TR-000001',
      '--lost',
      'COF-ETH-250',
    );
    expect(badLost.code).toBe(1);
    expect(badLost.err).toContain('--lost "COF-ETH-250" must be SKU:QUANTITY');
    await expectUnchanged(path, before);
  });

  test('a retry of send with the same --key sends once', async () => {
    const path = await sampleLedger();
    const argv = [
      'transfer',
      'send',
      '--ledger',
      path,
      '--from',
      'Warehouse',
      '--to',
      'Store',
      '--line',
      'COF-ETH-250:3',
      '--key',
      't-1',
    ];
    expect((await cli(...argv)).out).toMatch(/^TR-000001: sent Warehouse → Store: 3 × COF-ETH-250\./);
    expect((await cli(...argv)).out).toMatch(/^TR-000001: already sent with this key/);
    expect(records(await loadXlsx(path), 'Transfers')).toHaveLength(1);
    expect(await stockOf(path, 'COF-ETH-250', 'Warehouse')).toMatchObject({ 'On hand': 37 });
  });
});

describe('count', () => {
  test('differences both ways become count moves; a match writes nothing', async () => {
    const path = await sampleLedger();
    const r = await cli(
      'count',
      '--ledger',
      path,
      '--location',
      'Store',
      '--line',
      'COF-ETH-250:15',
      '--line',
      'TEA-SEN-100:5',
      '--line',
      'ACC-MUG-W:12',
    );
    expect(r).toEqual({
      code: 0,
      out: [
        'Counted at Store (CT-000001): 2 adjustment(s).',
        '  COF-ETH-250: counted 15, On hand was 12 → +3',
        '  TEA-SEN-100: counted 5, On hand was 8 → -3',
        '  Matched: ACC-MUG-W',
        '',
      ].join('\n'),
      err: '',
    });
    expect(await stockOf(path, 'TEA-SEN-100', 'Store')).toMatchObject({ 'On hand': 5 });
    const before = await fileState(path);
    const same = await cli(
      'count',
      '--ledger',
      path,
      '--location',
      'Store',
      '--line',
      'COF-ETH-250:15',
      '--json',
    );
    expect(JSON.parse(same.out)).toMatchObject({
      reference: null,
      adjustments: [],
      unchanged: ['COF-ETH-250'],
    });
    await expectUnchanged(path, before);
  });

  test('a negative count: exit 1, the file untouched', async () => {
    const path = await sampleLedger();
    const before = await fileState(path);
    const r = await cli('count', '--ledger', path, '--location', 'Store', '--line', 'COF-ETH-250:-1');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'Count 1 (COF-ETH-250): the quantity counted must be a whole number of 0 or more, not -1.',
    );
    await expectUnchanged(path, before);
  });
});

describe('rebuild-stock and drift', () => {
  test('check reports a Stock figure edited by hand at its cell; rebuild-stock fixes it', async () => {
    const path = await sampleLedger();
    const wb = await loadXlsx(path);
    const row = records(wb, 'Stock').findIndex((r) => r.SKU === 'COF-ETH-250' && r.Location === 'Store') + 2;
    wb.write('Stock', row, 3, [[10]]);
    await saveXlsx(wb, path);

    const check = await cli('check', '--ledger', path, '--json');
    expect(check.code).toBe(1);
    expect(JSON.parse(check.out).problems).toEqual([
      {
        tab: 'Stock',
        cell: `C${row}`,
        message:
          'COF-ETH-250 at Store: On hand is 10 but the moves add up to 12. Run Rebuild stock (menu or shop-ledger rebuild-stock).',
      },
    ]);
    const rebuilt = await cli('rebuild-stock', '--ledger', path);
    expect(rebuilt).toEqual({
      code: 0,
      out: 'Rebuilt the Stock tab from Movements and Transfers: 1 row(s) corrected, 59 already right.\n',
      err: '',
    });
    expect(await stockOf(path, 'COF-ETH-250', 'Store')).toMatchObject({ 'On hand': 12 });
    expect((await cli('check', '--ledger', path)).code).toBe(0);
    const again = await cli('rebuild-stock', '--ledger', path, '--json');
    expect(JSON.parse(again.out)).toEqual({ updated: 0, added: 0, zeroed: 0, cleared: 0, unchanged: 60 });
  });
});

describe('report', () => {
  test('lists the products at or below their reorder point; --json is an object with lowStock', async () => {
    const path = await sampleLedger();
    await cli('count', '--ledger', path, '--location', 'Warehouse', '--line', 'TEA-SEN-100:3');
    const text = await cli('report', '--ledger', path);
    expect(text.code).toBe(0);
    expect(text.err).toBe('');
    expect(
      text.out.endsWith(
        [
          'Low stock: 2 (available at or below the reorder point)',
          '  ACC-KTL-GN  Gooseneck kettle 0.8 l — Store: 1 available, reorder point 1',
          '  TEA-SEN-100  Japanese sencha green tea 100 g — Warehouse: 3 available, reorder point 4',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
    const json = JSON.parse((await cli('report', '--ledger', path, '--json')).out);
    expect(json).toMatchObject({
      lowStock: [
        {
          sku: 'ACC-KTL-GN',
          name: 'Gooseneck kettle 0.8 l',
          location: 'Store',
          available: 1,
          reorderPoint: 1,
        },
        {
          sku: 'TEA-SEN-100',
          name: 'Japanese sencha green tea 100 g',
          location: 'Warehouse',
          available: 3,
          reorderPoint: 4,
        },
      ],
    });
  });
});

describe('--help documents every flag', () => {
  test.each([
    [
      ['receive'],
      ['--ledger <file>', '--to <location>', '--line <sku:qty>', '--key <key>', '--json', 'retry safely'],
    ],
    [
      ['transfer', 'send'],
      [
        '--ledger <file>',
        '--from <location>',
        '--to <location>',
        '--line <sku:qty>',
        '--key <key>',
        '--json',
      ],
    ],
    [
      ['transfer', 'receive'],
      ['--ledger <file>', '--id <transfer>', '--line <sku:qty>', '--lost <sku:qty>', '--key <key>', '--json'],
    ],
    [
      ['count'],
      ['--ledger <file>', '--location <location>', '--line <sku:counted>', '--key <key>', '--json'],
    ],
    [['rebuild-stock'], ['--ledger <file>', '--json']],
    [['report'], ['--ledger <file>', '--rebuild', '--json', 'lowStock']],
  ])('shop-ledger %j --help', async (command, flags) => {
    const r = await cli(...command, '--help');
    expect(r.code).toBe(0);
    expect(r.out.startsWith(`Usage: shop-ledger ${command.join(' ')} [options]`)).toBe(true);
    for (const flag of flags) expect(r.out).toContain(flag);
    expect(r.out).not.toContain('(default: [])');
  });
});

test('the demo sends a transfer warehouse → store and receives it in two goes, then checks clean', async () => {
  const path = join(dir, 'demo.xlsx');
  const r = await cli('demo', '--ledger', path);
  expect(r.code).toBe(0);
  expect(r.out).toContain('Transfer stock from the warehouse to the store');
  expect(r.out).toMatch(/TR-000001: sent Warehouse → Store: 6 × \S+, 5 × \S+, 4 × \S+\./);
  expect(r.out).toMatch(/Written off to Loss: 1 × /);
  expect(r.out).toMatch(/The Stock tab shows \S+ at Store with In transit 1\./);
  expect(r.out).toContain('Nothing is left in transit: the transfer is received.');
  expect(r.out).toContain('The ledger is in order: no problems found.');
  const wb = await loadXlsx(path);
  expect(records(wb, 'Transfers')).toEqual([
    expect.objectContaining({ 'Transfer ID': 'TR-000001', Status: 'received' }),
  ]);
  expect(records(wb, 'Movements').filter((m) => m.To === 'Loss')).toHaveLength(1);
});
