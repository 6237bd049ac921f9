/**
 * Embedded charts, as far as the ledger uses them. A builder from Sheet.newChart() (or
 * EmbeddedChart.modify()) collects the chart type, the data ranges, options and the position;
 * build() makes an EmbeddedChart that is not on the sheet until Sheet.insertChart(chart) (a new
 * chart) or Sheet.updateChart(chart) (one got from getCharts() and modified). The fake keeps what a
 * chart is made of, not its picture.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
 * https://developers.google.com/apps-script/reference/charts/chart-type
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertChart(EmbeddedChart)
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#updateChart(EmbeddedChart)
 */

import type { RangeRef } from './conditional-format';
import { type EnumValue, makeEnum } from './enums';
import type { Execution } from './execution';

/** Charts.ChartType (https://developers.google.com/apps-script/reference/charts/chart-type). */
export const ChartType = makeEnum([
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
]);

/** What a chart on a sheet is made of. */
export interface ChartData {
  /** "A stable identifier … or null if the chart is not in a spreadsheet" (getChartId). */
  chartId: number | null;
  type: string | null;
  ranges: RangeRef[];
  options: Record<string, unknown>;
  numHeaders: number;
  /** setPosition(anchorRowPos, anchorColPos, offsetX, offsetY). */
  position: { row: number; column: number; offsetX: number; offsetY: number } | null;
}

function copy(d: ChartData): ChartData {
  return {
    ...d,
    ranges: d.ranges.map((r) => ({ ...r })),
    options: { ...d.options },
    position: d.position ? { ...d.position } : null,
  };
}

export function emptyChart(): ChartData {
  return { chartId: null, type: null, ranges: [], options: {}, numHeaders: -1, position: null };
}

/** ChartOptions: "the options of a chart, such as height, colors, and axes" (read-only). */
export class FakeChartOptions {
  constructor(
    private readonly x: Execution,
    private readonly options: Record<string, unknown>,
  ) {}

  get(option: string): unknown {
    this.x.call('ChartOptions.get');
    return this.options[option] ?? null;
  }
}

export class FakeEmbeddedChart {
  constructor(
    private readonly x: Execution,
    /** A snapshot: changing the chart takes modify(), build() and updateChart(). */
    readonly data: ChartData,
  ) {}

  getChartId(): number | null {
    this.x.call('EmbeddedChart.getChartId');
    return this.data.chartId;
  }

  getOptions(): FakeChartOptions {
    this.x.call('EmbeddedChart.getOptions');
    return new FakeChartOptions(this.x, { ...this.data.options });
  }

  getNumHeaders(): number {
    this.x.call('EmbeddedChart.getNumHeaders');
    return this.data.numHeaders;
  }

  /** A builder over this chart's settings; nothing changes until Sheet.updateChart. */
  modify(): FakeEmbeddedChartBuilder {
    this.x.call('EmbeddedChart.modify');
    return new FakeEmbeddedChartBuilder(this.x, copy(this.data));
  }
}

export class FakeEmbeddedChartBuilder {
  constructor(
    private readonly x: Execution,
    private readonly data: ChartData = emptyChart(),
  ) {}

  setChartType(type: EnumValue): this {
    this.x.call('EmbeddedChartBuilder.setChartType');
    this.data.type = String(type);
    return this;
  }

  getChartType(): EnumValue | null {
    this.x.call('EmbeddedChartBuilder.getChartType');
    return this.data.type === null ? null : ChartType[this.data.type as keyof typeof ChartType];
  }

  addRange(range: { toRef(): RangeRef }): this {
    this.x.call('EmbeddedChartBuilder.addRange');
    this.data.ranges.push(range.toRef());
    return this;
  }

  clearRanges(): this {
    this.x.call('EmbeddedChartBuilder.clearRanges');
    this.data.ranges = [];
    return this;
  }

  setNumHeaders(headers: number): this {
    this.x.call('EmbeddedChartBuilder.setNumHeaders');
    this.data.numHeaders = headers;
    return this;
  }

  setOption(option: string, value: unknown): this {
    this.x.call('EmbeddedChartBuilder.setOption');
    this.data.options[option] = value;
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.x.call('EmbeddedChartBuilder.setPosition');
    this.data.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }

  build(): FakeEmbeddedChart {
    this.x.call('EmbeddedChartBuilder.build');
    if (this.data.type === null)
      throw this.x.error('Fake: a chart needs a type (setChartType) before build().');
    return new FakeEmbeddedChart(this.x, copy(this.data));
  }
}

/** The Charts service: only its ChartType enum (reading an enum is not a call). */
export class FakeCharts {
  readonly ChartType = ChartType;
}
