/** The Log port. Never pass secrets to it. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Short messages to the person at the screen: a toast in Sheets, a line on stderr in the CLI. */
export interface Notify {
  toast(message: string, title?: string): void;
}
