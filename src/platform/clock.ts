/** The Clock port. Time is epoch milliseconds; time zones belong to the workbook. */
export interface Clock {
  now(): number;
}
