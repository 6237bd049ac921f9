/** Exit codes of the CLI (DESIGN.md §4): 0 success, 1 business or validation error, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;

/** A problem the person can fix, reported as a message with exit code 1. */
export class CliProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliProblem';
  }
}
