import { START_MARK, STOP_MARK, parseMarkedRanges } from './highlights';

const mark = (text: string) => `${START_MARK}${text}${STOP_MARK}`;

describe('parseMarkedRanges', () => {
  it('turns marks into offsets into the unmarked text, in UTF-16 code units', () => {
    const text = 'Café 😀 keepers keep keeping';
    const marked = `Café 😀 ${mark('keepers')} ${mark('keep')} keeping`;

    expect(parseMarkedRanges(marked, text)).toEqual([
      [8, 15],
      [16, 20],
    ]);
    expect(text.slice(8, 15)).toBe('keepers');
  });

  it('gives no ranges rather than wrong ones when the text itself holds a mark character', () => {
    const text = `odd ${START_MARK} text`;
    expect(parseMarkedRanges(`odd ${START_MARK} ${mark('text')}`, text)).toEqual([]);
  });
});
