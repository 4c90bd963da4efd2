// Public surface of the error-code knowledge: parse a code as written, explain it.
export { parseCode, formatCode } from './parseCode';
export { explainCode, wuRangeKey, servicingRangeKey, type ExplainOptions } from './explain';
export type { CodeExplanation, ExplanationText, Confidence, DecodePath } from './types';
export { decodeExtended, describeExtended, findUpgradeCodes, parseUpgradeCode, formatExtended, isExtendedCode, type UpgradeCodeRef } from './extended';
export type { ExtendedCode } from './types';
