import { renderTemplate, type RenderOutput, type RenderRequest } from '../../src/core/template';

export const settings = { locale: 'en-US', timeZone: 'UTC' };

export function render(source: string, result: unknown, extra: Partial<RenderRequest> = {}): RenderOutput {
  return renderTemplate({
    template: { id: 'tpl-main', name: 'Main', source },
    result,
    queryName: 'Issues',
    queryParameters: { project: 'SLING', '@space.key': 'DEV' },
    queryExecutionTime: 42,
    settings,
    ...extra,
  });
}

export function html(source: string, result: unknown = [{ a: 1 }], extra: Partial<RenderRequest> = {}): string {
  return render(source, result, extra).html;
}

export function renderError(source: string, result: unknown = [{ a: 1 }], extra: Partial<RenderRequest> = {}) {
  try {
    render(source, result, extra);
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected the render to fail');
}
