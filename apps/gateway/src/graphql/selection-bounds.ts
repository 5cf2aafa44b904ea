import { type DocumentNode, type FragmentDefinitionNode, GraphQLError, Kind, type SelectionSetNode, type ValidationRule } from 'graphql';

/** How deep a selection set nests and how many fields it selects once its fragments are expanded. */
interface Shape {
  depth: number;
  fields: number;
}

const NOTHING: Shape = { depth: 0, fields: 0 };

/**
 * Bounds every operation's depth (introspection fields excepted) and its field count with
 * fragments expanded, in time linear in the document: each fragment is measured once, however
 * often it is spread. A fragment cycle measures as nothing here; graphql-js's own rule reports
 * it. (graphql-depth-limit re-walked every spread: a cycle overflowed its stack, and fragments
 * spreading the previous one twice took seconds.) The field bound is the cost limit, which
 * counts at least one per field, so nothing it refuses would have been allowed.
 */
export function selectionBoundsRule(limits: { maxDepth: number; maxFields: number }): ValidationRule {
  return (context) => ({
    Document(document: DocumentNode) {
      const measure = fragmentMeasurer(document);
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const name = definition.name?.value ?? '';
        const shape = measure(definition.selectionSet);
        if (shape.depth > limits.maxDepth) context.reportError(new GraphQLError(`'${name}' exceeds maximum operation depth of ${limits.maxDepth}`, { nodes: [definition] }));
        if (shape.fields > limits.maxFields) {
          const fields = shape.fields > 1e15 ? 'more than 10^15' : String(shape.fields);
          context.reportError(new GraphQLError(`'${name}' asks for ${fields} fields once its fragments are expanded, more than the limit of ${limits.maxFields}`, { nodes: [definition] }));
        }
      }
      return false;
    },
  });
}

function fragmentMeasurer(document: DocumentNode): (selectionSet: SelectionSetNode) => Shape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const measured = new Map<string, Shape | 'measuring'>();

  const fragment = (name: string): Shape => {
    const known = measured.get(name);
    if (known === 'measuring') return NOTHING;
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition) return NOTHING;
    measured.set(name, 'measuring');
    const shape = selectionSet(definition.selectionSet);
    measured.set(name, shape);
    return shape;
  };

  const selectionSet = (set: SelectionSetNode): Shape => {
    let depth = 0;
    let fields = 0;
    for (const selection of set.selections) {
      let shape: Shape;
      if (selection.kind === Kind.FIELD) {
        const children = selection.selectionSet ? selectionSet(selection.selectionSet) : NOTHING;
        const introspection = selection.name.value.startsWith('__');
        shape = { depth: introspection || !selection.selectionSet ? 0 : 1 + children.depth, fields: 1 + children.fields };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        shape = selectionSet(selection.selectionSet);
      } else {
        shape = fragment(selection.name.value);
      }
      depth = Math.max(depth, shape.depth);
      fields += shape.fields;
    }
    return { depth, fields };
  };

  return selectionSet;
}
