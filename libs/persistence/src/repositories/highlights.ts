// ts_headline marks matches with these two control characters; with HighlightAll it returns the
// whole text otherwise unchanged, so the marks translate back into offsets into the text.
export const START_MARK = '\u0002';
export const STOP_MARK = '\u0003';
export const HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${START_MARK}, StopSel=${STOP_MARK}`;

/**
 * [start, end) offsets of the marked ranges of `marked` in `text`; none when removing the marks
 * does not give `text` back (the text itself held a mark character), rather than wrong offsets.
 */
export function parseMarkedRanges(marked: string, text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let plain = '';
  let start = -1;
  for (const character of marked) {
    if (character === START_MARK) start = plain.length;
    else if (character === STOP_MARK && start >= 0) {
      if (plain.length > start) ranges.push([start, plain.length]);
      start = -1;
    } else plain += character;
  }
  return plain === text ? ranges : [];
}
