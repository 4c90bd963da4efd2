// The English hover labels the hover tests render with (the extension takes them from l10n).
import type { HoverLabels } from '../../../src/hover/hoverModel';

export const LABELS: HoverLabels = {
  facility: 'Facility', component: 'Component', win32: 'Win32 error', meaning: 'Meaning', genericMeaning: '(generic)',
  cause: 'Cause', steps: 'Next steps', collect: 'Ask for', sources: 'Sources', confidence: 'Confidence', aliases: 'Also named',
  asLogged: 'As written', loggedName: 'Logged name', unnamed: '(unnamed)',
  confidenceNames: { header: 'header', documented: 'documented', community: 'community', logged: 'logged', derived: 'derived' },
  extendCode: 'Extend code', upgradeMeaning: 'Upgrade failure', upgradeSteps: 'Upgrade steps',
};
