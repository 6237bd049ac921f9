/** The Invoice series setting: empty gives T, W, F, R; a bad value is a clear problem, never a stop. */
import { parseSettings } from '../../../src/core/settings';

const env = { timeZone: 'Europe/Madrid' };

test('an empty Invoice series gives the default series T, W, F and R', () => {
  const { settings, problems } = parseSettings({ 'Invoice series': '' }, env);
  expect(settings.invoiceSeries.map((s) => s.code)).toEqual(['T', 'W', 'F', 'R']);
  expect(problems).toEqual([]);
});

test('configured series are read with their number formats', () => {
  const { settings, problems } = parseSettings(
    { 'Invoice series': 'T: till; W: web; R: corrective | {series}/{year}/{n:5}' },
    env,
  );
  expect(settings.invoiceSeries.map((s) => [s.code, s.format])).toEqual([
    ['T', '{series}-{year}-{n:6}'],
    ['W', '{series}-{year}-{n:6}'],
    ['R', '{series}/{year}/{n:5}'],
  ]);
  expect(problems).toEqual([]);
});

test('a bad series name or a format without a year is a clear problem naming the key', () => {
  const { settings, problems } = parseSettings({ 'Invoice series': 't1: till; W: web | {series}-{n}' }, env);
  expect(problems).toEqual([
    { key: 'Invoice series', message: expect.stringMatching(/cannot be read: .*t1.*year/s) },
  ]);
  expect(settings.invoiceSeries.map((s) => s.code)).toEqual(['T', 'W', 'F', 'R']);
});
