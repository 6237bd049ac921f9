/**
 * Counts what an execution asks of the Apps Script services: every method call on a fake (plain
 * enum reads are free), and the cells each call reads, writes or formats. Benchmarks and tests use it
 * to hold code to Google's batching advice (one getValues per tab, one setValues per block).
 */

export interface MeterSnapshot {
  /** Every service method call. */
  calls: number;
  /** Calls per method, keyed 'Class.method', e.g. 'Range.getValues', 'SpreadsheetApp.flush'. */
  byMethod: Record<string, number>;
  /** Cells returned by Range getters (values, formulas, display values, formats...). */
  cellsRead: number;
  /** Cells whose content was written or cleared (setValue(s), clearContent, appendRow...). */
  cellsWritten: number;
  /** Cells whose format, style or validation was set. */
  cellsFormatted: number;
  /** Locks released while spreadsheet changes were pending (no SpreadsheetApp.flush() since). */
  unflushedReleases: number;
}

export class ServiceMeter implements MeterSnapshot {
  calls = 0;
  byMethod: Record<string, number> = {};
  cellsRead = 0;
  cellsWritten = 0;
  cellsFormatted = 0;
  unflushedReleases = 0;
  private paused = 0;

  /** Records one call of `method` ('Class.method'). */
  count(method: string): void {
    if (this.paused > 0) return;
    this.calls++;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
  }

  read(cells: number): void {
    if (this.paused === 0) this.cellsRead += cells;
  }

  wrote(cells: number): void {
    if (this.paused === 0) this.cellsWritten += cells;
  }

  formatted(cells: number): void {
    if (this.paused === 0) this.cellsFormatted += cells;
  }

  unflushedRelease(): void {
    if (this.paused === 0) this.unflushedReleases++;
  }

  /** Runs fn without counting: for tests that inspect the spreadsheet after the code under test. */
  uncounted<T>(fn: () => T): T {
    this.paused++;
    try {
      return fn();
    } finally {
      this.paused--;
    }
  }

  reset(): void {
    this.calls = 0;
    this.byMethod = {};
    this.cellsRead = 0;
    this.cellsWritten = 0;
    this.cellsFormatted = 0;
    this.unflushedReleases = 0;
  }

  snapshot(): MeterSnapshot {
    return {
      calls: this.calls,
      byMethod: { ...this.byMethod },
      cellsRead: this.cellsRead,
      cellsWritten: this.cellsWritten,
      cellsFormatted: this.cellsFormatted,
      unflushedReleases: this.unflushedReleases,
    };
  }
}
