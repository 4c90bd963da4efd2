// Readable source of the four TextMate grammars (log line heads in heads.mjs). `node syntaxes/src/build.mjs` writes
// syntaxes/*.tmLanguage.json from it; `--check` fails when the committed JSON is stale.
//
// Regex rules (the Oniguruma engine runs these on lines of 100 KB and more):
// - every repetition is bounded ({0,N}), never `+`/`*` over an open-ended class;
// - no quantified group whose body can match the same text in two ways;
// - a rule starts with a literal, an anchor (^, \b, a lookbehind) or a narrow class,
//   so that it fails at once at most positions of a long line.

import { AFTER_TAG, cbsExtras, cbsHead, classify, codeCaptures, GUID, HEX, LINE_START, PATH_CHAR, reportHead, wu10Head, wu7Head } from './heads.mjs';

/** Rules shared by the three grammars, in the order they must be tried at one position. */
function messageRules(s) {
  return {
    message: {
      patterns: [
        { include: '#failure-markers' },
        { include: '#call-markers' },
        { include: '#legacy-call-markers' },
        { include: '#hresult-bracket' },
        { include: '#method' },
        { include: '#bracket-code' },
        { include: '#result-code' },
        { include: '#context-code' },
        { include: '#hex-code' },
        { include: '#code-names' },
        { include: '#update-id' },
        { include: '#guid' },
        { include: '#kb' },
        { include: '#client' },
        { include: '#cv' },
        { include: '#counts' },
        { include: '#report-result' },
        { include: '#strings' },
        { include: '#path' },
      ],
    },
    'failure-markers': {
      patterns: [
        { match: String.raw`\*FAILED\*`, name: `invalid.illegal.failed.${s}` },
        { match: String.raw`\bFATAL\b:?`, name: `invalid.illegal.fatal.${s}` },
        { match: String.raw`\bWARNING:`, name: `invalid.illegal.warning.${s}` },
      ],
    },
    // `* START * Finding updates CallerId = ...`, `* END *   Search ClientId = ...`, `*RESUMED*`
    'call-markers': {
      match:
        String.raw`(\*[ ]{0,3}START[ ]{0,3}\*|\*[ ]{0,3}END[ ]{0,3}\*|\*RESUMED\*)` +
        String.raw`(?:([ ]{1,6})([A-Za-z][A-Za-z ]{0,60}?)(?=[ ]{1,4}(?:ClientId|CallerId)\b|[ ]{0,4}[\[(]|[ ]{0,4}$))?`,
      captures: {
        1: { name: `keyword.control.marker.${s}` },
        3: { name: `entity.name.function.call.${s}` },
      },
    },
    // Windows 7: `** START **  Agent: Finding updates [CallerId = ...]`, `## END ##  AU: ...`, `-- START --  COMAPI: ...`
    'legacy-call-markers': {
      match:
        String.raw`(\*\*[ ]{1,4}(?:START|END)[ ]{1,4}\*\*|##[ ]{1,4}(?:START|END)[ ]{1,4}##|--[ ]{1,4}(?:START|END)[ ]{1,4}--)` +
        String.raw`(?:[ ]{1,4}([A-Za-z]{1,20})(:)(?:[ ]{1,4}([A-Za-z][A-Za-z ]{0,60}?)(?=[ ]{0,4}\[|[ ]{0,4}$))?)?`,
      captures: {
        1: { name: `keyword.control.marker.${s}` },
        2: { name: `entity.name.type.component.${s}` },
        4: { name: `entity.name.function.call.${s}` },
      },
    },
    // CBS: `[HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]`, name may contain spaces (`Unknown Error`).
    'hresult-bracket': {
      match:
        String.raw`(\[)(HRESULT)([ ]{0,2}=[ ]{0,2})${classify(String.raw`0[xX]`, 1, 8)}` +
        String.raw`(?:([ ]{1,2}-[ ]{1,2})([A-Za-z_][\w ]{0,80}?))?(\])`,
      captures: {
        2: { name: `variable.other.key.${s}` },
        ...codeCaptures(4, s),
        8: { name: `variable.other.constant.code-name.${s}` },
      },
    },
    // `[CAgentUpdateManager::InstallUpdate:11739]` and `- CDISMManager::put_ScratchDir`
    method: {
      patterns: [
        {
          match: String.raw`(\[)([A-Za-z_~][\w~]{0,120}(?:::[A-Za-z_~][\w~]{0,120}){1,3})(:)(\d{1,7})(\])`,
          captures: {
            2: { name: `entity.name.function.method.${s}` },
            4: { name: `constant.numeric.line-number.${s}` },
          },
        },
        {
          match: String.raw`\b[A-Za-z_][\w]{0,120}(?:::[A-Za-z_~][\w]{0,120}){1,3}\b`,
          name: `entity.name.function.method.${s}`,
        },
      ],
    },
    // `*FAILED* [800706BE]`: a bare HRESULT in brackets.
    'bracket-code': {
      match: String.raw`(\[)${classify('', 8, 8)}(\])`,
      captures: codeCaptures(2, s),
    },
    // `resultMapped=800F0988, resultUnMapped=0`
    'result-code': {
      match: String.raw`\b(result(?:Un)?Mapped)(=)${classify('', 1, 8)}\b`,
      captures: { 1: { name: `variable.other.key.${s}` }, ...codeCaptures(3, s) },
    },
    // `hr = 80072efd`, `failed with error 80070490`, `HRESULT=0`
    'context-code': {
      match: String.raw`\b(hr|HR|HRESULT|hresult|error)([ ]{0,2}[=:][ ]{0,2}|[ ])${classify('', 8, 8, true)}\b`,
      captures: { 1: { name: `variable.other.key.${s}` }, ...codeCaptures(3, s) },
    },
    // 0x00000000 is success, 0x8xxxxxxx-0xFxxxxxxx (severity bit set) an error, the rest a plain hex number.
    'hex-code': {
      patterns: [
        { match: String.raw`\b0[xX]0{1,16}\b`, name: `markup.inserted.hresult.success.${s}` },
        { match: String.raw`\b0[xX][89A-Fa-f]${HEX}{7}\b`, name: `invalid.illegal.hresult.error.${s}` },
        { match: String.raw`\b0[xX]${HEX}{1,16}\b`, name: `constant.numeric.hex.${s}` },
      ],
    },
    'code-names': {
      patterns: [
        { match: String.raw`\b(?:S_OK|ERROR_SUCCESS)\b`, name: `markup.inserted.hresult.success.${s}` },
        {
          match: String.raw`\b(?:[A-Z][A-Z0-9]{0,11}_){0,3}E_[A-Z0-9_]{2,60}\b|\b(?:ERROR|STATUS)_[A-Z0-9_]{2,60}\b`,
          name: `variable.other.constant.code-name.${s}`,
        },
      ],
    },
    // `{GUID}.200`, `GUID.1`, `{{GUID}.1}` (the outer braces stay plain)
    'update-id': {
      match: String.raw`(?<![\w-])(?:\{${GUID}\}|${GUID})(\.)(\d{1,6})(?![\w])`,
      name: `support.class.update-id.${s}`,
      captures: { 2: { name: `constant.numeric.revision.${s}` } },
    },
    guid: {
      match: String.raw`(?<![\w-])(?:\{${GUID}\}|${GUID})(?![\w-])`,
      name: `constant.language.guid.${s}`,
    },
    // `(KB5016623)`, `Package_for_KB5016623~...`, `-KB5036620-x64`
    kb: {
      match: String.raw`(?<![A-Za-z0-9])KB\d{6,8}(?!\d)`,
      name: `markup.bold.kb.${s}`,
    },
    // `ClientId = UpdateOrchestrator`, `CallerId = Update;ScanForUpdates`, `Caller=MoUpdateOrchestrator`
    client: {
      match:
        String.raw`\b(ClientId|CallerId|Caller)([ ]{0,2}=[ ]{0,2})` +
        String.raw`(<<PROCESS>>:[ ]?[^\s,;:\])]{1,100}|[^\s,;:\])]{1,100}(?:;[^\s,;:\])]{0,100})?|;)?`,
      captures: {
        1: { name: `variable.other.key.${s}` },
        3: { name: `entity.name.tag.client.${s}` },
      },
    },
    // `cV = K5bdL23idEavHjyw.2.1`, `cV: aDy7qtdk3kKSDv75.0.1.0.0.`
    cv: {
      match: String.raw`\b(cV)([ ]{0,2}[=:][ ]{0,2})([A-Za-z0-9+/]{8,32}(?:\.\d{1,6}){0,40}\.?)`,
      captures: {
        1: { name: `variable.other.key.${s}` },
        3: { name: `markup.italic.cv.${s}` },
      },
    },
    // `Install call complete (succeeded = 0, ..., failed = 1, ...`: a non-zero failed count is a failure.
    counts: {
      patterns: [
        {
          match: String.raw`\b(failed)([ ]=[ ])([1-9]\d{0,6})\b`,
          captures: {
            1: { name: `variable.other.key.${s}` },
            3: { name: `invalid.illegal.count.failed.${s}` },
          },
        },
        {
          match: String.raw`\b(succeeded with errors|succeeded|failed|cancelled|unaccounted)([ ]=[ ])(\d{1,7})\b`,
          captures: {
            1: { name: `variable.other.key.${s}` },
            3: { name: `constant.numeric.count.${s}` },
          },
        },
      ],
    },
    // ReportingEvents fields, also inline in Windows 7 `REPORT EVENT:` lines.
    'report-result': {
      patterns: [
        { match: String.raw`(?<=\t)Success(?=\t)`, name: `markup.inserted.result.success.${s}` },
        { match: String.raw`(?<=\t)Failure(?=\t)`, name: `invalid.illegal.result.failure.${s}` },
      ],
    },
    strings: {
      patterns: [
        // `""` stays plain (nothing to show), and its second quote opens no string.
        { match: String.raw`(?<!")"[^"]{1,2000}"`, name: `string.quoted.double.${s}` },
        { match: String.raw`(?<![\w'])'[^'\s][^']{0,300}'(?!\w)`, name: `string.quoted.single.${s}` },
      ],
    },
    // `C:\Windows\Logs\CBS\CBS.log`, `\\?\C:\...`, `\\server\share\...`; a trailing `.` or `:` is prose.
    path: {
      match: String.raw`(?<![\w\\])(?:\\\\\?\\)?(?:[A-Za-z]:\\|\\\\[\w.$-]{1,64}\\)(?:${PATH_CHAR}{0,400}[^\s"'<>|*?,;()\[\].:])?`,
      name: `string.unquoted.path.${s}`,
    },
  };
}

// VS Code leaves a line of this many characters or more untokenized
// (`editor.maxTokenizationLineLength`, default 20,000). The grammars do the same themselves, so
// that they stay cheap where that setting is raised and in other TextMate hosts.


export const LONG_LINE = 20000;
// Oniguruma's largest repeat count; longer lines are consumed in chunks of this size.
const CHUNK = 100000;
const MAX_CHUNKS = 100; // lines of up to about 10 M characters

/**
 * A line of LONG_LINE characters or more is one `meta.long-line` token. The regex consumes the
 * line up to the newline vscode-textmate appends to every line, `(?=\n)`: Oniguruma then knows the
 * newline must sit at least LONG_LINE characters on, and rejects a shorter line before reading it.
 * (A lookahead such as `^(?=[^\n]{20000})` reads every short line to its end, 5-15 % of the time
 * of real logs.) The chunks are atomic: a line too long to fit fails after at most MAX_CHUNKS
 * retries and is tokenized as usual, as is a long line in a host that passes lines without `\n`.
 */
function longLine(s) {
  return {
    match: String.raw`^[^\n]{${LONG_LINE}}(?>[^\n]{0,${CHUNK}}){0,${MAX_CHUNKS}}(?=\n)`,
    name: `meta.long-line.${s}`,
  };
}

function grammar(name, scopeName, patterns, repository) {
  const s = scopeName.split('.').pop();
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name,
    scopeName,
    comment: 'Generated by syntaxes/src/build.mjs from syntaxes/src/grammars.mjs. Do not edit by hand.',
    // The long-line rule comes first so that nothing else runs on such a line.
    patterns: [{ include: '#long-line' }, ...patterns],
    repository: { 'long-line': longLine(s), ...repository },
  };
}

/**
 * A rule that holds the rest of its line, so that the rules of `patterns` run in its own scanner.
 * For lines under 1,000 bytes vscode-oniguruma tries every regex of a scanner at every position,
 * so the top level should only hold rules that start a line: they run once per line, and `\Z`
 * (the end) fails at once elsewhere. `head` is a `{ match, captures }` rule anchored at `^`; without
 * one the rule takes any non-empty line (an empty line must not push a rule it cannot leave).
 */
function lineRule(patterns, head) {
  return {
    ...(head ? { begin: head.match, beginCaptures: head.captures } : { begin: String.raw`^(?=[^\n])` }),
    end: String.raw`\Z`,
    patterns,
  };
}

function wulog() {
  const s = 'wulog';
  const rest = [{ include: '#message' }];
  return grammar('Windows Update log', 'text.log.wulog', [{ include: '#header' }, { include: '#other-line' }], {
    header: {
      patterns: [
        wu10Head(LINE_START, s),
        wu7Head(LINE_START, s),
      ].map((head) => lineRule(rest, head)),
    },
    'other-line': lineRule(rest),
    ...messageRules(s),
  });
}

function cbslog() {
  const s = 'cbslog';
  const head = cbsHead(LINE_START, s);
  return grammar(
    'CBS / DISM / setup log',
    'text.log.cbslog',
    [{ include: '#record' }, { include: '#continuation' }],
    {
      record: {
        begin: head.match,
        beginCaptures: head.captures,
        end: String.raw`\Z`, // the line end; unlike `$`, Oniguruma finds it without trying every position
        name: `meta.record.${s}`,
        patterns: [{ include: '#csi' }, { include: '#dism-ids' }, { include: '#message' }],
      },
      // Untimestamped lines that belong to the record above them. Not an empty line: a zero-width
      // begin and end at the same place leave vscode-textmate inside the rule for the next line.
      continuation: {
        begin: String.raw`^(?=[^\n])(?!\x{FEFF}?\d{4}-\d{2}-\d{2}[ ]\d{2}:\d{2}:\d{2},)`,
        end: String.raw`\Z`,
        name: `meta.continuation.${s}`,
        patterns: [{ include: '#message' }],
      },
      ...cbsExtras(s),
      ...messageRules(s),
    },
  );
}

function wureport() {
  const s = 'wureport';
  const rest = [{ include: '#cv-field' }, { include: '#message' }];
  return grammar(
    'Windows Update ReportingEvents.log',
    'text.log.wureport',
    [{ include: '#event' }, { include: '#other-line' }],
    {
      event: lineRule(rest, reportHead(LINE_START, s)),
      'other-line': lineRule(rest),
      // Last field: the correlation vector, `6WcFlH/sXkyDqHRT.1.1.0.4.0`
      'cv-field': {
        match: String.raw`(?<=\t)[A-Za-z0-9+/]{8,32}(?:\.\d{1,6}){0,40}\.?(?=[ ]{0,4}$)`,
        name: `markup.italic.cv.${s}`,
      },
      ...messageRules(s),
    },
  );
}

// The merged timeline: `WU     | <a WindowsUpdate.log line>`, `CBS    | <a CBS.log line>`, and `#` header
// lines. After the tag each line is coloured as in its own log (the same header rules, anchored
// right after the tag), with the scopes of this grammar.
function wutimeline() {
  const s = 'wutimeline';
  const rest = [{ include: '#csi' }, { include: '#dism-ids' }, { include: '#message' }];
  return grammar('WU Log Lens merged timeline', 'text.log.wutimeline', [{ include: '#header-line' }, { include: '#tagged-line' }], {
    'header-line': { match: String.raw`^#[^\n]{0,2000}`, name: `comment.line.number-sign.${s}` },
    'tagged-line': {
      begin: String.raw`^([A-Z]{2,8}\d{0,3})[ ]{0,8}(\|)[ ]`,
      beginCaptures: {
        1: { name: `entity.name.tag.source.${s}` },
        2: { name: `punctuation.separator.source.${s}` },
      },
      end: String.raw`\Z`,
      patterns: [wu10Head(AFTER_TAG, s), wu7Head(AFTER_TAG, s), cbsHead(AFTER_TAG, s), reportHead(AFTER_TAG, s)].map((head) => lineRule(rest, head)).concat([lineRule(rest)]),
    },
    ...cbsExtras(s),
    ...messageRules(s),
  });
}

export const grammars = {
  'wulog.tmLanguage.json': wulog(),
  'cbslog.tmLanguage.json': cbslog(),
  'wureport.tmLanguage.json': wureport(),
  'wutimeline.tmLanguage.json': wutimeline(),
};
