import { z } from 'zod';

// Lone UTF-16 surrogates cannot be stored as UTF-8; the driver would silently replace them.
const wellFormed = (text: string) => text.isWellFormed();
const WELL_FORMED = 'must be valid Unicode (it contains an unpaired surrogate)';

// PostgreSQL text cannot hold NUL characters. HTTP's text check refuses them in variables, but
// not in what reaches intake otherwise (an uploaded file's name, a WebSocket, a program).
const noNul = (text: string) => !text.includes('\u0000');
const NO_NUL = 'must not contain NUL characters';

const jsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

/** One document as a caller sends it, in one of `mimeTypes`. */
export const documentInputSchema = (mimeTypes: readonly string[]) =>
  z.object({
  title: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').refine(wellFormed, WELL_FORMED).refine(noNul, NO_NUL),
  content: z
    .string()
    .refine((content) => content.trim().length > 0, 'must not be empty')
    .refine(noNul, NO_NUL)
    .refine(wellFormed, WELL_FORMED),
  mimeType: z.string().refine((mimeType) => mimeTypes.includes(mimeType), `must be one of ${mimeTypes.join(', ')}`),
  metadata: z.record(z.string(), jsonValue).default({}),
  sourceId: z.string().trim().min(1).max(500).refine(wellFormed, WELL_FORMED).refine(noNul, NO_NUL).optional(),
  /** The collection to store it in; absent: the caller's default collection. */
  collection: z.uuid('must be a collection id').optional(),
});

export type DocumentInput = z.input<ReturnType<typeof documentInputSchema>>;
export type ValidDocumentInput = z.output<ReturnType<typeof documentInputSchema>>;
