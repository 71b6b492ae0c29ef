export { DEFAULT_RENDER_LIMITS, type RenderLimits } from './budget';
export { formatDate, formatNumber, toDate, type FormatSettings } from './format';
export { readEmptyMessage, readTemplateParams } from './header';
export { DEFAULT_EMPTY_MESSAGE, renderTemplate, type RenderOutput, type RenderRequest } from './render';
export { DEFAULT_TEMPLATE_ID, type TemplateLookup, type TemplateSource } from './render-session';
export { escapeHtml, isSafeHtml, safeHtml, type SafeHtml } from './safe-html';
export { checkTemplateSyntax, type TemplateProblem } from './syntax-check';
export { templateError, type TemplateIdentity } from './template-error';
