/** Opening the till with a float, cash in and out, and closing it with the counted cash. */
import { parseMoney } from '../../core/money';
import { call } from './api';
import { withBusy } from './busy';
import { commandAnswered, commandKey } from './command-keys';
import { money } from './format';
import { t } from './i18n';
import { changed, clearMessages, focusNext, say, state } from './state';
import { refreshTill, setSession } from './till-data';

function amountOf(text: string): number | null {
  return state.data ? parseMoney(text, state.data.exponent) : null;
}

export async function openTill(floatText: string): Promise<void> {
  const float = amountOf(floatText);
  if (float === null || float < 0) {
    say(t.badAmount);
    focusNext('float');
    return;
  }
  const result = await withBusy('open', () =>
    call('openTill', { key: commandKey('open'), till: state.till, float }),
  );
  if (!result || !state.data) return;
  commandAnswered('open');
  if (result.ok) {
    setSession(result.value);
    say(t.tillOpened(money(float)), 'notice');
    focusNext('scan');
  } else {
    say(result.problem.message);
    // 'session-open': another device opened it; show the session it has.
    if (result.problem.code === 'session-open') void refreshTill();
  }
}

/** Cash put into or taken out of the drawer, with a reason. Returns true when recorded. */
export async function moveCash(kind: 'in' | 'out', amountText: string, why: string): Promise<boolean> {
  const amount = amountOf(amountText);
  if (amount === null || amount <= 0) {
    say(t.badAmount);
    return false;
  }
  if (!why.trim()) {
    say(t.needsReason);
    return false;
  }
  const result = await withBusy('cash', () =>
    call('cashMove', { key: commandKey('cash'), till: state.till, kind, amount, reason: why.trim() }),
  );
  if (!result || !state.data) return false;
  commandAnswered('cash');
  if (!result.ok) {
    say(result.problem.message);
    return false;
  }
  setSession(result.value);
  say(t.cashMoved(kind, money(amount)), 'notice');
  focusNext('scan');
  return true;
}

export async function closeTill(countedText: string): Promise<void> {
  const counted = amountOf(countedText);
  if (counted === null || counted < 0) {
    say(t.badAmount);
    return;
  }
  const result = await withBusy('close', () =>
    call('closeTill', { key: commandKey('close'), till: state.till, counted }),
  );
  if (!result || !state.data) return;
  commandAnswered('close');
  if (!result.ok) {
    say(result.problem.message);
    return;
  }
  setSession(null);
  state.zReport = result.value;
  clearMessages();
  changed();
}

export function closeZReport(): void {
  state.zReport = null;
  focusNext('float');
}
