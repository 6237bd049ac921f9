/** HtmlService: outputs from strings and from the built HTML files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppsScript } from '.';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fake-html-'));
  writeFileSync(join(dir, 'Till.html'), '<!doctype html><p>Till</p>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutputFromFile(String)
test('createHtmlOutputFromFile reads NAME.html from the html directory', () => {
  const { HtmlService } = createAppsScript({ htmlDir: dir }).globals;
  expect(HtmlService.createHtmlOutputFromFile('Till').getContent()).toBe('<!doctype html><p>Till</p>');
  expect(HtmlService.createHtmlOutputFromFile('Till.html').getContent()).toContain('Till');
});

test('a missing file throws as Apps Script does', () => {
  const { HtmlService } = createAppsScript({ htmlDir: dir }).globals;
  expect(() => HtmlService.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
});

// https://developers.google.com/apps-script/reference/html/html-output
test('title, size, content, append and appendUntrusted', () => {
  const { HtmlService } = createAppsScript().globals;
  const out = HtmlService.createHtmlOutput('<b>hi</b>').setTitle('Till').setWidth(300).setHeight(500);
  out.append('<i>ok</i>').appendUntrusted('<script>x</script>');
  expect([out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['Till', 300, 500]);
  expect(out.getContent()).toBe('<b>hi</b><i>ok</i>&lt;script&gt;x&lt;/script&gt;');
  expect(HtmlService.createHtmlOutput().getContent()).toBe('');
});

// https://developers.google.com/apps-script/reference/html/html-output#setSandboxMode(SandboxMode)
// "The IFRAME mode is now the only option; the others are sunset."
test('sandbox and X-Frame-Options modes take their enums and chain', () => {
  const { HtmlService } = createAppsScript().globals;
  const out = HtmlService.createHtmlOutput('x')
    .setSandboxMode(HtmlService.SandboxMode.IFRAME)
    .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
  expect(out.getContent()).toBe('x');
  expect(String(HtmlService.XFrameOptionsMode.ALLOWALL)).toBe('ALLOWALL');
  expect(() => out.setSandboxMode('IFRAME' as never)).toThrow("don't match the method signature");
});
