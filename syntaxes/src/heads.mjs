// The heads of log lines for the grammars (grammars.mjs): date, time, PID, TID, component, level,
// message id, the ReportingEvents fields; and the code classes. Each head takes its anchor: the
// start of a line, or (in the merged timeline) right after the line's tag. Same regex rules as
// grammars.mjs: bounded repetitions, no ambiguous quantified groups.

export const HEX = '[0-9A-Fa-f]';
export const GUID = `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`;
// Path characters: no whitespace, quotes, brackets or separators that end a path in prose.
export const PATH_CHAR = String.raw`[^\s"'<>|*?,;()\[\]]`;

/**
 * Three alternative groups for a code with the given prefix: all zeros (success), severity bit
 * set (error), anything else (a hex number). Classifying inside one regex keeps captures free of
 * nested `patterns`, which vscode-textmate runs on a fresh copy of the line for every match.
 * @param {boolean} [loneZero] the success group is a single `0` (a bare code of 8 digits otherwise)
 */
export function classify(prefix, min, max, loneZero = false) {
  const zeros = loneZero ? '0' : `0{${min},${max}}`;
  const rest = max === 8 && min === 8 ? `${HEX}{8}` : `${HEX}{${min},${max}}`;
  return `(?:(${prefix}${zeros})|(${prefix}[89A-Fa-f]${HEX}{7})|(${prefix}${rest}))`;
}

/** Capture names for the three groups of classify(), starting at group `first`. */
export function codeCaptures(first, s) {
  return {
    [first]: { name: `markup.inserted.hresult.success.${s}` },
    [first + 1]: { name: `invalid.illegal.hresult.error.${s}` },
    [first + 2]: { name: `constant.numeric.hex.${s}` },
  };
}

/** Captures of a WindowsUpdate.log line header (Windows 10/11 and Windows 7 alike): date, time, PID, TID, component. */
function wuHeaderCaptures(s) {
  return {
    1: { name: `comment.other.date.${s}` },
    2: { name: `comment.other.time.${s}` },
    3: { name: `comment.other.pid.${s}` },
    4: { name: `comment.other.tid.${s}` },
    5: { name: `entity.name.type.component.${s}` },
  };
}

/** Where a log line's own text starts: the start of the line (with a stray BOM), or, in the timeline, right after the tag. */
export const LINE_START = String.raw`^\x{FEFF}?`;
export const AFTER_TAG = String.raw`\G`;

// Windows 10/11: `2022/09/26 15:55:37.5603397 4792  12396 Agent           message`
export function wu10Head(anchor, s) {
  return {
    match:
      String.raw`${anchor}(\d{4}[/-]\d{2}[/-]\d{2})[ ](\d{2}:\d{2}:\d{2}\.\d{1,7})[ ]{1,8}(\d{1,10})[ ]{1,8}(\d{1,10})` +
      String.raw`(?:[ ]{1,8}([A-Za-z][\w.-]{0,31})(?=\s|$))?`,
    captures: wuHeaderCaptures(s),
  };
}

// Windows 7: `2018-10-02<TAB>10:55:18:145<TAB> 408<TAB>12cc<TAB>Agent<TAB>message`
export function wu7Head(anchor, s) {
  return {
    match:
      String.raw`${anchor}(\d{4}-\d{2}-\d{2})\t(\d{2}:\d{2}:\d{2}:\d{3})\t[ ]{0,8}(\d{1,10})\t[ ]{0,8}(${HEX}{1,8})` +
      String.raw`(?:\t([^\t]{1,40})(?=\t|$))?`,
    captures: wuHeaderCaptures(s),
  };
}

const LEVEL_WIDTH = 22; // the CBS level column, `Info` padded to 22 characters (message id included)
const levelPad = (level) => `(?<=${level})[ ]{${LEVEL_WIDTH - level.length}}`;

// `2016-09-28 04:30:30, Info                  CBS    message`
// `2019-03-29 00:25:29, Info       [0x0601c1] IBS    message` (setup message id)
// `2021-06-09 12:08:19, Info                         message` (empty component)
export function cbsHead(anchor, s) {
  return {
    match:
      String.raw`${anchor}(\d{4}-\d{2}-\d{2})[ ](\d{2}:\d{2}:\d{2})(,)[ ]` +
      String.raw`(?:(Info)|(Warning|WARNING)|(Error|ERROR|Fatal|FATAL))` +
      String.raw`(?:${levelPad('Info')}|${levelPad('Warning')}|${levelPad('WARNING')}|${levelPad('Error')}|${levelPad('ERROR')}|${levelPad('Fatal')}|${levelPad('FATAL')}` +
      String.raw`|[ ]{1,8}(\[)(0x${HEX}{1,8})(\])[ ]|[ ]{1,17}(?=[A-Za-z]))` +
      String.raw`(?:([A-Za-z][\w.-]{0,23})(?=[ ]|$))?`,
    captures: {
      1: { name: `comment.other.date.${s}` },
      2: { name: `comment.other.time.${s}` },
      4: { name: `comment.other.level.info.${s}` },
      5: { name: `keyword.control.level.warning.${s}` },
      6: { name: `invalid.illegal.level.error.${s}` },
      8: { name: `comment.other.message-id.${s}` },
      10: { name: `entity.name.type.component.${s}` },
    },
  };
}

// ReportingEvents.log: the first eleven of the 13 tab-separated fields; the message and the cV follow.
export function reportHead(anchor, s) {
  return {
    match:
      String.raw`${anchor}(\{${GUID}\})\t(\d{4}-\d{2}-\d{2})[ ](\d{2}:\d{2}:\d{2}(?::\d{1,3})?)([+-]\d{4})?\t(\d{1,6})\t` +
      String.raw`(\d{1,6})(?:[ ](\[)(?:([A-Z_]{0,40}FAIL[A-Z_]{0,40})|([^\]\t]{1,80}))(\]))?\t(\d{1,6})\t(\{${GUID}\})\t(\d{1,10})\t` +
      classify('', 1, 8) +
      String.raw`\t([^\t]{0,200})\t(?:(Success)|(Failure)|([^\t]{0,40}))\t([^\t]{0,120})(?=\t|$)`,
    captures: {
      1: { name: `constant.language.guid.event.${s}` },
      2: { name: `comment.other.date.${s}` },
      3: { name: `comment.other.time.${s}` },
      4: { name: `comment.other.timezone.${s}` },
      5: { name: `comment.other.field.${s}` },
      6: { name: `constant.numeric.event-id.${s}` },
      8: { name: `invalid.illegal.event.failed.${s}` },
      9: { name: `entity.name.function.event.${s}` },
      11: { name: `comment.other.field.${s}` },
      12: { name: `constant.language.guid.${s}` },
      13: { name: `constant.numeric.revision.${s}` },
      ...codeCaptures(14, s),
      17: { name: `entity.name.tag.client.${s}` },
      18: { name: `markup.inserted.result.success.${s}` },
      19: { name: `invalid.illegal.result.failure.${s}` },
      21: { name: `entity.name.type.category.${s}` },
    },
  };
}

export function cbsExtras(s) {
  return {
    // CSI's own sequence number and timestamp: `00000001@2016/9/28:04:30:30.123`
    csi: {
      match: String.raw`\b(${HEX}{8})(@)(\d{4}/\d{1,2}/\d{1,2})(:)(\d{1,2}:\d{2}:\d{2}(?:\.\d{1,7})?)`,
      captures: {
        1: { name: `comment.other.sequence.${s}` },
        3: { name: `comment.other.date.${s}` },
        5: { name: `comment.other.time.${s}` },
      },
    },
    // DISM: `PID=1884 TID=1248`
    'dism-ids': {
      match: String.raw`\b(PID)(=)(\d{1,10})(?:[ ](TID)(=)(\d{1,10}))?\b`,
      captures: {
        1: { name: `variable.other.key.${s}` },
        3: { name: `comment.other.pid.${s}` },
        4: { name: `variable.other.key.${s}` },
        6: { name: `comment.other.tid.${s}` },
      },
    },
  };
}

