// `## @param name:value` lines: PocketQuery's way for a template to carry
// settings in Velocity comments. `emptymsg` is the text shown for an empty result.

const PARAM_LINE = /^[ \t]*##[ \t]*@param[ \t]+([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*$/gm;

export function readTemplateParams(source: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of source.matchAll(PARAM_LINE)) {
    const name = match[1];
    if (name && !Object.hasOwn(params, name)) params[name] = match[2] ?? '';
  }
  return params;
}

export function readEmptyMessage(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const message = readTemplateParams(source).emptymsg;
  return message === undefined || message === '' ? undefined : message;
}
