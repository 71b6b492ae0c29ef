// `$PQ`, the helper object templates call: PocketQuery's API (toList,
// template, templateByName) plus formatting, charts, tables and explicit
// trusted HTML.

import { toRowList } from '../table';
import { formatCurrency, formatDate, formatNumber, formatPercent } from './format';
import { markHelper } from './native-methods';
import type { RenderSession } from './render-session';
import { safeHtml, type SafeHtml } from './safe-html';
import type { TemplateIdentity } from './template-error';

export function createPqHelper(session: RenderSession, caller: TemplateIdentity) {
  const settings = session.input.settings;
  return markHelper({
    toList: (value: unknown): unknown[] => toRowList(value),
    template: (id: unknown): SafeHtml => session.include('id', id, caller),
    templateByName: (name: unknown): SafeHtml => session.include('name', name, caller),
    chart: (type: unknown, options: unknown): SafeHtml => session.chart(type, options, caller),
    table: (value: unknown): SafeHtml => session.renderTable(value === undefined ? session.input.result : value),
    /** Trusted HTML: printed unescaped here, still sanitized by the front end. */
    html: (value: unknown): SafeHtml => safeHtml(value === null || value === undefined ? '' : String(value)),
    json: (value: unknown): string => JSON.stringify(value ?? null),
    urlEncode: (value: unknown): string => encodeURIComponent(value === null || value === undefined ? '' : String(value)),
    formatDate: (value: unknown, pattern?: unknown): string => formatDate(value, pattern, settings),
    formatDateTime: (value: unknown, style?: unknown): string => formatDate(value, style, settings, true),
    formatNumber: (value: unknown, maxFractionDigits?: unknown): string => formatNumber(value, maxFractionDigits, settings),
    formatPercent: (value: unknown, maxFractionDigits?: unknown): string => formatPercent(value, maxFractionDigits, settings),
    formatCurrency: (value: unknown, currency?: unknown): string => formatCurrency(value, currency, settings),
    locale: settings.locale,
    timeZone: settings.timeZone,
  });
}
