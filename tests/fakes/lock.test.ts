/** LockService: the document lock shared by executions, timeouts on the fake clock, flush before release. */
import { createAppsScript, createSharedState } from '.';

const T0 = Date.UTC(2026, 0, 1);

function twoExecutions() {
  const shared = createSharedState({ now: () => T0 });
  return { shared, a: createAppsScript({ shared }), b: createAppsScript({ shared }) };
}

// https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)
test('tryLock takes a free lock; hasLock tells who holds it; a second take by the holder succeeds', () => {
  const { a } = twoExecutions();
  const lock = a.globals.LockService.getDocumentLock();
  expect(lock.hasLock()).toBe(false);
  expect(lock.tryLock(1000)).toBe(true);
  expect(lock.hasLock()).toBe(true);
  expect(a.globals.LockService.getDocumentLock().tryLock(0)).toBe(true);
});

// https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()
// "Prevents any user of the current document from concurrently running a section of code."
test('another execution on the same document cannot take the lock until it is released', () => {
  const { a, b } = twoExecutions();
  const la = a.globals.LockService.getDocumentLock();
  const lb = b.globals.LockService.getDocumentLock();
  la.waitLock(30_000);
  expect(lb.tryLock(5000)).toBe(false);
  expect(lb.hasLock()).toBe(false);
  la.releaseLock();
  expect(lb.tryLock(0)).toBe(true);
  // Releasing a lock you do not hold does nothing.
  la.releaseLock();
  expect(lb.hasLock()).toBe(true);
});

// https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer)
test('waitLock throws after the timeout, which passes on the fake clock', () => {
  const { a, b } = twoExecutions();
  a.globals.LockService.getDocumentLock().waitLock(1000);
  const before = b.clock.now();
  expect(() => b.globals.LockService.getDocumentLock().waitLock(30_000)).toThrow(
    'Lock timeout: another process was holding the lock for too long.',
  );
  expect(b.clock.now() - before).toBe(30_000);
  expect(b.clock.now()).toBe(a.clock.now()); // one clock for both executions
});

test('a lock held elsewhere for a while is taken once it is let go, if within the timeout', () => {
  const { shared, a } = twoExecutions();
  shared.holdLockElsewhere('document', 2000);
  const lock = a.globals.LockService.getDocumentLock();
  expect(lock.tryLock(1000)).toBe(false);
  expect(a.clock.now()).toBe(T0 + 1000);
  lock.waitLock(5000);
  expect(lock.hasLock()).toBe(true);
  expect(a.clock.now()).toBe(T0 + 2000);
});

// https://developers.google.com/apps-script/reference/lock/lock#releaseLock()
// "If you are working with a spreadsheet, you should call SpreadsheetApp.flush() prior to releasing the lock."
test('releasing the lock with unflushed spreadsheet changes is counted', () => {
  const { a } = twoExecutions();
  const { LockService, SpreadsheetApp } = a.globals;
  const lock = LockService.getDocumentLock();
  lock.waitLock(1000);
  SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue(1);
  lock.releaseLock();
  expect(a.meter.unflushedReleases).toBe(1);

  lock.waitLock(1000);
  SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue(2);
  SpreadsheetApp.flush();
  lock.releaseLock();
  expect(a.meter.unflushedReleases).toBe(1);

  lock.waitLock(1000);
  SpreadsheetApp.getActive().getSheets()[0].getRange('A1').getValue();
  lock.releaseLock();
  expect(a.meter.unflushedReleases).toBe(1);
});

test('the end of an execution releases its locks', () => {
  const { a, b } = twoExecutions();
  a.globals.LockService.getDocumentLock().waitLock(1000);
  a.end();
  expect(b.globals.LockService.getDocumentLock().tryLock(0)).toBe(true);
});

// https://developers.google.com/apps-script/reference/lock/lock-service#getUserLock()
test('document, script and user locks are separate; user locks are per user', () => {
  const shared = createSharedState();
  const ann = createAppsScript({ shared, userEmail: 'ann@example.com' });
  const bob = createAppsScript({ shared, userEmail: 'bob@example.com' });
  const ann2 = createAppsScript({ shared, userEmail: 'ann@example.com' });
  expect(ann.globals.LockService.getDocumentLock().tryLock(0)).toBe(true);
  expect(bob.globals.LockService.getScriptLock().tryLock(0)).toBe(true);
  expect(ann.globals.LockService.getUserLock().tryLock(0)).toBe(true);
  expect(bob.globals.LockService.getUserLock().tryLock(0)).toBe(true);
  expect(ann2.globals.LockService.getUserLock().tryLock(0)).toBe(false);
  expect(ann2.globals.LockService.getScriptLock().tryLock(0)).toBe(false);
});
