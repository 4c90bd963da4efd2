// Garbled CJK text (UTF-8 read as GBK or Shift-JIS): a hover with the repaired text, and the
// read-only repaired copy of a log with its command.
import * as vscode from 'vscode';
import { registerGarbledTextHover } from './garbledTextHover';
import { registerOpenRepairedCopy } from './openRepairedCopyCommand';
import { RepairedCopyProvider } from './repairedCopyProvider';

export { OPEN_REPAIRED_COPY_COMMAND } from './openRepairedCopyCommand';
export { REPAIRED_SCHEME } from './repairedCopyProvider';

export function registerMojibake(): vscode.Disposable {
  const provider = new RepairedCopyProvider();
  return vscode.Disposable.from(provider, registerOpenRepairedCopy(provider), registerGarbledTextHover());
}
