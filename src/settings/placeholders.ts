// A translator function and `{n}` placeholder filling, shared by the UI features (no vscode import).
export type Translate = (key: string, ...args: Array<string | number>) => string;

/** Replaces `{n}` placeholders; used for bundles read directly (and by tests). */
export function formatPlaceholders(template: string, args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? whole : String(v);
  });
}
