// Hover labels for unit tests (the provider takes them from the l10n bundles).
import type { HoverLabels } from '../../../src/hover/hoverModel';

export const LABELS: HoverLabels = {
  facility: 'Facility', component: 'Component', win32: 'Win32 error', meaning: 'Meaning', genericMeaning: '(generic)',
  cause: 'Cause', steps: 'Next steps', collect: 'Ask for', sources: 'Sources', aliases: 'Also named',
  asLogged: 'As written', loggedName: 'Logged name', unnamed: '(unnamed)',
  extendCode: 'Extend code', upgradeMeaning: 'Upgrade failure', upgradeSteps: 'Upgrade steps',
  nextStep: 'Next step', more: 'More…', whereFrom: 'Where this comes from',
  plainSource: { header: 'Name from headers', documented: 'Name from docs', community: 'Name from community sources only', logged: 'Name as logged', derived: 'No known name' },
  plainGeneric: '; general meaning of its range',
};
