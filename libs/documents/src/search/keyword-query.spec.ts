import { parseKeywordQuery } from './keyword-query';

describe('parseKeywordQuery', () => {
  it.each([
    ['a question: every word an alternative, no constraint', 'how do I list directory contents?', { anyOf: 'how do I list directory contents?', required: '' }],
    ['a phrase must appear and its words rank', 'copy "symbolic link" files', { anyOf: 'copy symbolic link files', required: '"symbolic link"' }],
    ['an excluded word is a constraint, not a term', 'compress -zip archives', { anyOf: 'compress archives', required: '-"zip"' }],
    ['an excluded phrase', 'network -"wireless card"', { anyOf: 'network', required: '-"wireless card"' }],
    ['or between phrases makes either do', '"hard link" or "soft link"', { anyOf: 'hard link soft link', required: '"hard link" or "soft link"' }],
    ['or between a phrase and a word constrains nothing', '"hard link" or inode', { anyOf: 'hard link inode', required: '' }],
    ['or between words is what any-word matching does already', 'tar or zip', { anyOf: 'tar zip', required: '' }],
    ['an unterminated phrase runs to the end', 'find "exact words', { anyOf: 'find exact words', required: '"exact words"' }],
    ['a lone dash, empty quotes and a dangling or are ignored', '- "" or', { anyOf: '', required: '' }],
    ['tsquery syntax is just text', "a&b | !c :* <-> (d)", { anyOf: 'a&b | !c :* <-> (d)', required: '' }],
  ])('%s', (_, query, expected) => {
    expect(parseKeywordQuery(query)).toEqual(expected);
  });
});
