/** The program of the fake shop's child process (bundled and started by process.ts). */
import { runFakeShopChild } from './server';

runFakeShopChild();
