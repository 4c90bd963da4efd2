// Every setting of the extension, typed: one getter per setting (validated, with its default)
// and one `affects` check for configuration changes. Features never spell configuration keys.
import * as vscode from 'vscode';

const SECTION = 'wuLogLens';

/** Setting names (below `wuLogLens.`), as declared in package.json `contributes.configuration`. */
export type SettingName =
  | 'detectByContent'
  | 'language'
  | 'problems.enabled'
  | 'problems.intermediateFailures'
  | 'navigation.failures'
  | 'timeline.clockOffset';

export type LanguageSetting = 'auto' | 'en' | 'zh-cn';
export type IntermediateFailures = 'hide' | 'hint' | 'information' | 'warning';
/** Which lines next/previous failure visits: the failures that decided an outcome, or every failure line. */
export type NavigationFailures = 'deciding' | 'all';

function read<T>(name: SettingName, scope: vscode.ConfigurationScope | undefined, fallback: T): unknown {
  return vscode.workspace.getConfiguration(SECTION, scope).get<unknown>(name, fallback);
}

function oneOf<T extends string>(name: SettingName, scope: vscode.ConfigurationScope | undefined, values: readonly T[], fallback: T): T {
  const v = read(name, scope, fallback);
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback;
}

function bool(name: SettingName, scope: vscode.ConfigurationScope | undefined, fallback: boolean): boolean {
  const v = read(name, scope, fallback);
  return typeof v === 'boolean' ? v : fallback;
}

export const settings = {
  detectByContent: (scope?: vscode.ConfigurationScope): boolean => bool('detectByContent', scope, true),
  language: (scope?: vscode.ConfigurationScope): LanguageSetting => oneOf('language', scope, ['auto', 'en', 'zh-cn'], 'auto'),
  problemsEnabled: (scope?: vscode.ConfigurationScope): boolean => bool('problems.enabled', scope, true),
  intermediateFailures: (scope?: vscode.ConfigurationScope): IntermediateFailures =>
    oneOf('problems.intermediateFailures', scope, ['hide', 'hint', 'information', 'warning'], 'hint'),
  navigationFailures: (scope?: vscode.ConfigurationScope): NavigationFailures => oneOf('navigation.failures', scope, ['deciding', 'all'], 'deciding'),
  /** `auto`, or the offset text as set (`+8`, `-05:30`); parse it with the core's parseClockOffset. */
  timelineClockOffset: (scope?: vscode.ConfigurationScope): string => {
    const v = read('timeline.clockOffset', scope, 'auto');
    return typeof v === 'string' && v.trim() ? v.trim() : 'auto';
  },
};

/** Writes a setting (user settings unless another target is given). */
export function updateSetting(name: SettingName, value: unknown, target: vscode.ConfigurationTarget = vscode.ConfigurationTarget.Global): Thenable<void> {
  return vscode.workspace.getConfiguration(SECTION).update(name, value, target);
}

/** True when the change touches any of the named settings (or, with none named, any of ours). */
export function affects(e: vscode.ConfigurationChangeEvent, ...names: SettingName[]): boolean {
  if (!names.length) return e.affectsConfiguration(SECTION);
  return names.some((n) => e.affectsConfiguration(`${SECTION}.${n}`));
}
