/**
 * HtmlService. createHtmlOutputFromFile reads `${htmlDir}/${name}.html` from disk (the built files
 * in dist/, as clasp pushes them). Templates are not faked.
 * https://developers.google.com/apps-script/reference/html/html-service
 * https://developers.google.com/apps-script/reference/html/html-output
 */

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeEnum } from './enums';
import type { Execution } from './execution';

export const SandboxMode = makeEnum(['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsMode = makeEnum(['ALLOWALL', 'DEFAULT']);

export class FakeHtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(private readonly x: Execution) {}

  createHtmlOutput(html = ''): FakeHtmlOutput {
    this.x.call('HtmlService.createHtmlOutput');
    return new FakeHtmlOutput(this.x, String(html));
  }

  /** Apps Script names files without '.html'; a trailing '.html' is tolerated, as there. */
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    this.x.call('HtmlService.createHtmlOutputFromFile');
    const name = String(filename).replace(/\.html$/, '');
    const path = resolve(join(this.x.settings.htmlDir, `${name}.html`));
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch {
      throw this.x.error(`No HTML file named ${name} was found.`);
    }
    return new FakeHtmlOutput(this.x, content);
  }
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export interface HtmlSnapshot {
  title: string;
  content: string;
  width: number;
  height: number;
  xFrameOptionsMode: string;
}

export class FakeHtmlOutput {
  private title = '';
  /** Google documents no default size; the fake reports 0 until one is set. */
  private width = 0;
  private height = 0;
  private xFrameOptionsMode = XFrameOptionsMode.DEFAULT;
  private readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    private readonly x: Execution,
    private content: string,
  ) {}

  getContent(): string {
    this.x.call('HtmlOutput.getContent');
    return this.content;
  }

  setContent(content: string): this {
    this.x.call('HtmlOutput.setContent');
    this.content = String(content);
    return this;
  }

  append(addedContent: string): this {
    this.x.call('HtmlOutput.append');
    this.content += String(addedContent);
    return this;
  }

  appendUntrusted(addedContent: string): this {
    this.x.call('HtmlOutput.appendUntrusted');
    this.content += escapeHtml(String(addedContent));
    return this;
  }

  clear(): this {
    this.x.call('HtmlOutput.clear');
    this.content = '';
    return this;
  }

  getTitle(): string {
    this.x.call('HtmlOutput.getTitle');
    return this.title;
  }

  setTitle(title: string): this {
    this.x.call('HtmlOutput.setTitle');
    this.title = String(title);
    return this;
  }

  getWidth(): number {
    this.x.call('HtmlOutput.getWidth');
    return this.width;
  }

  setWidth(width: number): this {
    this.x.call('HtmlOutput.setWidth');
    this.width = width;
    return this;
  }

  getHeight(): number {
    this.x.call('HtmlOutput.getHeight');
    return this.height;
  }

  setHeight(height: number): this {
    this.x.call('HtmlOutput.setHeight');
    this.height = height;
    return this;
  }

  /** Only IFRAME remains; the other modes are sunset and behave as IFRAME (there is no getter). */
  setSandboxMode(mode: unknown): this {
    this.x.call('HtmlOutput.setSandboxMode');
    if (!Object.values(SandboxMode).includes(mode as never)) {
      throw this.x.badArguments('HtmlOutput.setSandboxMode', [mode]);
    }
    return this;
  }

  setXFrameOptionsMode(mode: (typeof XFrameOptionsMode)[keyof typeof XFrameOptionsMode]): this {
    this.x.call('HtmlOutput.setXFrameOptionsMode');
    this.xFrameOptionsMode = mode;
    return this;
  }

  addMetaTag(name: string, content: string): this {
    this.x.call('HtmlOutput.addMetaTag');
    this.metaTags.push({ name, content });
    return this;
  }

  getMetaTags(): { getName(): string; getContent(): string }[] {
    this.x.call('HtmlOutput.getMetaTags');
    return this.metaTags.map((t) => ({ getName: () => t.name, getContent: () => t.content }));
  }

  /** Unmetered read for the Ui fake and for tests (static, so the object itself has no extra method). */
  static peek(output: FakeHtmlOutput): HtmlSnapshot {
    return {
      title: output.title,
      content: output.content,
      width: output.width,
      height: output.height,
      xFrameOptionsMode: String(output.xFrameOptionsMode),
    };
  }
}
