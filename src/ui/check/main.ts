/** The "Check ledger" dialog: lists every problem with the cell to fix. */
import { callServer } from '../shared/server';

interface CheckResult {
  ok: boolean;
  problems: { tab: string; cell: string; message: string; text: string }[];
}

const status = document.getElementById('status') as HTMLElement;
const list = document.getElementById('problems') as HTMLOListElement;

callServer<CheckResult>('getLedgerCheck').then(
  (result) => {
    status.className = result.ok ? 'ok' : 'bad';
    status.textContent = result.ok
      ? 'The ledger is in order: no problems found.'
      : `${result.problems.length} problem(s) found. Each names the cell to fix:`;
    for (const p of result.problems) {
      const item = document.createElement('li');
      const where = document.createElement('code');
      where.textContent = p.cell ? `${p.tab}!${p.cell}` : p.tab;
      item.append(where, ` ${p.message}`);
      list.append(item);
    }
  },
  (error: Error) => {
    status.className = 'bad';
    status.textContent = `The check could not run: ${error.message}`;
  },
);
